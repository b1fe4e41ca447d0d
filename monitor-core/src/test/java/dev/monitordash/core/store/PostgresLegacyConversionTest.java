package dev.monitordash.core.store;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

import java.util.List;

class PostgresLegacyConversionTest extends LegacyConversionContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    List<String> failDeletesFromV1() {
        return List.of("CREATE FUNCTION v1_stuck() RETURNS trigger LANGUAGE plpgsql AS "
                        + "'BEGIN RAISE EXCEPTION ''conversion interrupted''; END'",
                "CREATE TRIGGER v1_stuck BEFORE DELETE ON request_v1 FOR EACH STATEMENT EXECUTE PROCEDURE v1_stuck()");
    }

    @Override
    String allowDeletesFromV1() {
        return "DROP TRIGGER v1_stuck ON request_v1";
    }
}

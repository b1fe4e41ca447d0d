package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The ids of {@code request_kind}: a request row stores its method and status as one small integer.
 * Kinds of a status below 400 count up from 0, failing kinds down from -1, so that the sign alone tells a
 * failed request (the {@code request_failed} index) and the usual few kinds take one byte or none in
 * SQLite. Ids are allocated as MAX + 1 (or MIN - 1) under the table's unique constraints; two instances
 * allocating at once collide on the id, and the loser simply tries again. As with the other dictionaries,
 * ids are cached only after their transaction commits.
 */
final class RequestKinds {

    /** A method and status; a null method fails the insert (request_kind.method is NOT NULL). */
    record Kind(String method, int status) {

        boolean failed() {
            return status >= 400;
        }
    }

    /** Bounded: any token is a valid HTTP method, so a client can invent kinds; our heap must not grow. */
    static final int CACHE_SIZE = 1_000;
    private static final int ATTEMPTS = 20;
    private static final String NEXT_SUCCESS = "INSERT INTO request_kind (id, method, status) "
            + "SELECT COALESCE(MAX(id), -1) + 1, ?, ? FROM request_kind WHERE id >= 0 ON CONFLICT DO NOTHING";
    private static final String NEXT_FAILED = "INSERT INTO request_kind (id, method, status) "
            + "SELECT COALESCE(MIN(id), 0) - 1, ?, ? FROM request_kind WHERE id < 0 ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT id FROM request_kind WHERE method = ? AND status = ?";

    private final Map<Kind, Integer> cache = Dictionaries.lru(CACHE_SIZE);
    private final Map<Kind, Integer> learned = new HashMap<>();

    /** The kind's id, inserting it when new. */
    int id(Connection c, Kind kind) throws SQLException {
        Integer id = cache.get(kind);
        if (id == null) {
            id = learned.get(kind);
        }
        if (id == null) {
            id = lookUpOrInsert(c, kind);
            learned.put(kind, id);
        }
        return id;
    }

    void committed() {
        cache.putAll(learned);
        learned.clear();
    }

    void clear() {
        cache.clear();
        learned.clear();
    }

    private static int lookUpOrInsert(Connection c, Kind kind) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT);
             PreparedStatement insert = c.prepareStatement(kind.failed() ? NEXT_FAILED : NEXT_SUCCESS)) {
            select.setString(1, kind.method());
            select.setInt(2, kind.status());
            insert.setString(1, kind.method());
            insert.setInt(2, kind.status());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                insert.executeUpdate();
            }
        }
        throw new SQLException("no id for request kind " + kind + " after " + ATTEMPTS + " attempts");
    }
}

package dev.monitordash.core.store;

import dev.monitordash.core.query.JdbcTestQueries;
import dev.monitordash.core.query.SnapshotConnections;
import dev.monitordash.core.query.TestQueries;
import dev.monitordash.core.tests.ApiToken;
import dev.monitordash.core.tests.IssuedToken;
import dev.monitordash.core.tests.RunConflictException;
import dev.monitordash.core.tests.SavedRun;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;
import dev.monitordash.core.tests.TestStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test runs and API tokens over JDBC (migration V8), in the store's transactions. Called from dashboard
 * threads (a CI post, an admin's token) and from a test JVM delivering straight into the store, never from
 * the writer thread, so it keeps no cache of its own across calls.
 */
final class JdbcTestStore implements TestStore {

    /** Rows per JDBC batch: 10 000 results go in a few round trips on PostgreSQL. */
    private static final int BATCH = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Prefix of every secret, so a leaked one is recognizable (secret scanners, logs). */
    static final String SECRET_PREFIX = "mdt_";

    private final StoreMaintenance.Transactions transactions;
    private final SnapshotConnections snapshots;
    private final Clock clock;
    private final JdbcTestQueries queries;

    JdbcTestStore(StoreMaintenance.Transactions transactions, SnapshotConnections snapshots, Clock clock) {
        this.transactions = transactions;
        this.snapshots = snapshots;
        this.clock = clock;
        this.queries = new JdbcTestQueries(snapshots);
    }

    @Override
    public SavedRun save(TestRun run) {
        run.validated();
        String[] conflict = new String[1];
        // A conflict commits the transaction, which wrote nothing: a rollback through the store's failure
        // path would make it check its schema again, as after a broken connection.
        SavedRun saved = transactions.run("store test run " + run.runId(), c -> {
            BatchWriter.holdWriteLock(c);
            long runId = runId(c, run, conflict);
            if (runId < 0) {
                return null;
            }
            Set<String> names = new HashSet<>();
            for (TestResult r : run.results()) {
                names.add(r.test());
            }
            Map<String, Long> tests = new Dictionaries.Names("test_case", "name").ids(c, names);
            long before = count(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_result (run_id, result_key, test_id, "
                    + "display_name, outcome, duration, repetition, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (run_id, result_key) DO NOTHING")) {
                int pending = 0;
                for (TestResult r : run.results()) {
                    ps.setLong(1, runId);
                    ps.setString(2, r.key());
                    ps.setLong(3, tests.get(r.test()));
                    ps.setString(4, r.displayName());
                    ps.setString(5, r.outcome().id());
                    ps.setLong(6, r.durationMicros());
                    ps.setInt(7, r.repetition());
                    ps.setLong(8, r.startEpochMicros());
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            // Counted, not summed from update counts: drivers may answer a batch with "unknown" per row.
            return new SavedRun(run.runId(), run.results().size(), (int) (count(c, runId) - before));
        });
        if (saved == null) {
            throw new RunConflictException(conflict[0]);
        }
        return saved;
    }

    /** The run's row id, inserted if new; -1 with {@code conflict[0]} set if the run id has another version. */
    private long runId(Connection c, TestRun run, String[] conflict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_run (run_key, version, started_at, "
                + "received_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING")) {
            ps.setString(1, run.runId());
            ps.setString(2, run.version());
            ps.setLong(3, run.startEpochMicros());
            ps.setLong(4, EpochMicros.of(clock.instant()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, version, started_at FROM test_run WHERE run_key = ?")) {
            ps.setString(1, run.runId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("test run " + run.runId() + " vanished while being stored");
                }
                long id = rs.getLong(1);
                if (!rs.getString(2).equals(run.version())) {
                    conflict[0] = "run " + run.runId() + " is stored with version " + rs.getString(2) + ", not "
                            + run.version() + ": a run id names one run of one version";
                    return -1;
                }
                if (run.startEpochMicros() < rs.getLong(3)) { // a later part may have started the run earlier
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE test_run SET started_at = ? WHERE id = ?")) {
                        up.setLong(1, run.startEpochMicros());
                        up.setLong(2, id);
                        up.executeUpdate();
                    }
                }
                return id;
            }
        }
    }

    private static long count(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM test_result WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public IssuedToken createToken(String name, String createdBy, Duration validity) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Instant expires = validity == null ? null : now.plus(validity);
        long id = transactions.run("create API token " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (name, digest, created_by, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, digest(secret));
                ps.setString(3, createdBy);
                ps.setLong(4, EpochMicros.of(now));
                if (expires == null) {
                    ps.setNull(5, Types.BIGINT);
                } else {
                    ps.setLong(5, EpochMicros.of(expires));
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM api_token WHERE digest = ?")) {
                ps.setString(1, digest(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new IssuedToken(new ApiToken(id, name, createdBy, truncated(now), truncated(expires), null), secret);
    }

    @Override
    public List<ApiToken> tokens() {
        return transactions.run("list API tokens", c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS
                    + " FROM api_token ORDER BY created_at DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return out;
        });
    }

    @Override
    public boolean revokeToken(long id) {
        return transactions.run("revoke API token " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        // Looked up by digest: the secret has 256 random bits, so finding a row by its digest tells an
        // attacker nothing a timing difference could narrow down. On a reader connection: a flood of
        // wrong tokens must never take the writer's connections from the recording of requests.
        String digest = digest(secret);
        ApiToken found;
        try (Connection c = snapshots.openSnapshot()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS
                    + " FROM api_token WHERE digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    found = rs.next() ? token(rs) : null;
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("MonitorDash could not check an API token: " + e.getMessage(), e);
        }
        if (found == null) {
            return Optional.empty();
        }
        long id = found.id();
        transactions.run("note the use of API token " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used = ? WHERE id = ?")) {
                ps.setLong(1, EpochMicros.of(clock.instant()));
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        return Optional.of(found);
    }

    @Override
    public TestQueries queries() {
        return queries;
    }

    private static final String TOKEN_COLUMNS = "id, name, created_by, created_at, expires_at, last_used";

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), EpochMicros.toInstant(rs.getLong(4)),
                instantOrNull(rs, 5), instantOrNull(rs, 6));
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : EpochMicros.toInstant(micros);
    }

    private static Instant truncated(Instant t) {
        return t == null ? null : EpochMicros.toInstant(EpochMicros.of(t));
    }

    static String digest(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

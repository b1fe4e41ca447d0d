package dev.monitordash.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.monitordash.core.cleanup.ApplicationLoader;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierCapture;
import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.JdbcDashboardQueries;
import dev.monitordash.core.query.SnapshotConnections;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.version.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store over JDBC and HikariCP, for SQLite and PostgreSQL through the same code; what differs lives
 * in {@link Dialect}. Opening never fails because the database is down: the schema is migrated on the
 * first use that reaches it, and every operation until then fails with a {@link StoreException}, which
 * the recording pipeline retries or counts as failed records.
 */
public final class JdbcStore implements MonitorStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * How long an operation waits for a connection. Short, so that the writer notices a dead database
     * within seconds, drops the batch and backs off, and so that {@link #close()} is never stuck behind it.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    /**
     * How long a dashboard call waits for a free reader connection before it is answered 503: readers
     * queue among themselves, never in front of the writer.
     */
    static final long READER_WAIT_MILLIS = 5_000;

    /**
     * Connections that write: the writer thread, and the rare writes of other threads (a level saved on
     * the dashboard, endpoints declared at startup). Two, so that one of those never makes the writer wait
     * for a connection; SQLite's busy timeout orders them on the file lock.
     */
    static final int WRITER_CONNECTIONS = 2;

    /** Writes only: dashboard readers have {@link #readers}, so reading never holds up recording. */
    private final HikariDataSource pool;
    /** Dashboard snapshots only, bounded in number and, per call, in time ({@link #queryTimeout}). */
    private final HikariDataSource readers;
    private final Duration queryTimeout;
    private final PoolThreads poolThreads;
    private final Dialect dialect;
    private final Clock clock;
    private final SchemaMigrator migrator;
    private final EndpointIds endpointIds = new EndpointIds();
    private final Dictionaries dictionaries = new Dictionaries();
    private final LegacyRequests legacy;
    private final StoreMaintenance maintenance;
    private final BatchWriter batchWriter;
    private final JdbcDashboardQueries queries;
    private final JdbcTestStore tests;
    private final ResourceTables resources;
    private final ErrorTables errors;
    private final ErrorWriter errorWriter;
    private final ResourceErrorRetention resourceErrorRetention;
    private final Object migrationLock = new Object();
    private volatile boolean schemaReady;
    private final OwnDrivers ownDrivers;
    /** This store's hold on its SQLite file in the JVM, or why it may not write it; null for PostgreSQL. */
    private final SqliteCopies.Claim sqliteClaim;

    /** How long the writer waits for the watchdog to finish an outlier's capture (normally milliseconds). */
    static final long CAPTURE_WAIT_MILLIS = 5_000;

    private JdbcStore(HikariDataSource pool, HikariDataSource readers, PoolThreads poolThreads, Dialect dialect,
            Clock clock, MonitorConfig config, SqliteCopies.Claim sqliteClaim) {
        this.sqliteClaim = sqliteClaim;
        this.pool = pool;
        this.readers = readers;
        this.poolThreads = poolThreads;
        this.queryTimeout = config.dashboardQueryTimeout();
        this.dialect = dialect;
        this.clock = clock;
        this.legacy = new LegacyRequests(dialect);
        V4Requests v4 = new V4Requests(dialect);
        // V4 needed a Java step for V1 rows too; it now runs after V5, which gave request its final layout.
        this.migrator = new SchemaMigrator(dialect, Map.of(5, c -> {
            v4.convert(c);
            legacy.startMigration(c);
        }));
        this.maintenance = new StoreMaintenance(this::inTransaction, legacy, new UserRollups(dialect),
                new RequestRetention(config.retentionRequests(), config.retentionRollups()), clock, System::nanoTime);
        this.batchWriter = new BatchWriter(endpointIds, dictionaries, dialect, config.outlierKeep(),
                config.profilerKeep());
        this.queries = new JdbcDashboardQueries(new SnapshotConnections() {
            @Override
            public Connection openSnapshot() throws SQLException {
                return JdbcStore.this.openSnapshot();
            }

            @Override
            public Connection openExportSnapshot() throws SQLException {
                return JdbcStore.this.openExportSnapshot();
            }
        }, clock);
        this.tests = new JdbcTestStore(this::inTransaction, this::openSnapshot, clock);
        this.ownDrivers = new OwnDrivers(config.databaseUrl(), ApplicationLoader.ofCurrentThread());
        this.resources = new ResourceTables(this::inTransaction, this::openSnapshot);
        this.errors = new ErrorTables(this::openSnapshot);
        this.errorWriter = new ErrorWriter(dev.monitordash.core.outlier.Masking.of(config));
        this.resourceErrorRetention = new ResourceErrorRetention(this::inTransaction, clock, System::nanoTime,
                config.retentionResources(), config.retentionRollups());
    }

    /** Opens the store of {@link MonitorConfig#databaseUrl()}; see {@link #open(MonitorConfig, Clock)}. */
    public static JdbcStore open(MonitorConfig config) {
        return open(config, Clock.systemUTC());
    }

    /**
     * Opens the store and migrates its schema if the database is reachable now; if it is not, it will
     * be migrated on first successful use.
     *
     * @param clock what "now" is for the queries' today/last-7-days and for rows the store dates itself
     * @throws dev.monitordash.core.config.ConfigException for a URL that is neither SQLite nor PostgreSQL,
     *         naming the key {@code monitordash.database}
     */
    public static JdbcStore open(MonitorConfig config, Clock clock) {
        JdbcStore store = openWithoutConnecting(config, clock);
        try {
            store.ensureSchema();
        } catch (StoreException e) {
            LOG.warn("MonitorDash store is not usable yet; requests are dropped until it is: {}", e.getMessage());
        }
        return store;
    }

    /**
     * Opens the store without connecting, so without ever waiting for the database: the schema is
     * migrated on the first use that reaches it. For the monitor, whose writer thread makes that first use
     * (a container's startup thread must not wait for the pool's connection timeout).
     */
    public static JdbcStore openWithoutConnecting(MonitorConfig config, Clock clock) {
        String url = config.databaseUrl();
        Dialect dialect = Dialect.forUrl(url);
        SqliteCopies.Claim claim = SqliteLocation.fileOf(url)
                .map(file -> SqliteCopies.claim(url, file, sqliteLoader(), config.serviceName())).orElse(null);
        boolean refused = claim != null && claim.refusal().isPresent();
        String name = "MonitorDash-" + POOLS.incrementAndGet();
        PoolThreads poolThreads = new PoolThreads(name);
        try {
            HikariConfig writers = poolConfig(config, dialect, name + "-writer", CONNECTION_TIMEOUT_MILLIS);
            writers.setThreadFactory(poolThreads);
            writers.setMaximumPoolSize(WRITER_CONNECTIONS);
            // Refused: not even HikariCP's background fill may open the file (closing that connection
            // would drop the other copy's locks).
            writers.setMinimumIdle(refused ? 0 : 1);
            HikariConfig readers = poolConfig(config, dialect, name + "-reader", READER_WAIT_MILLIS);
            readers.setMaximumPoolSize(dialect.readerConnections());
            readers.setMinimumIdle(0); // an unused dashboard holds no connection
            readers.setThreadFactory(poolThreads);
            JdbcStore store = new JdbcStore(new HikariDataSource(writers), new HikariDataSource(readers),
                    poolThreads, dialect, clock, config, claim);
            if (!refused) {
                LOG.info("MonitorDash stores its data in {} at {}", dialect.name(), withoutParameters(url));
            }
            return store;
        } catch (RuntimeException | Error e) {
            if (claim != null) {
                claim.close();
            }
            throw e;
        }
    }

    /**
     * The class loader sqlite-jdbc will come from, found as HikariCP finds the driver class: the thread's
     * context class loader first, then the one that loaded HikariCP. Its copy of SQLite is the one that
     * will hold the file's locks.
     */
    private static ClassLoader sqliteLoader() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                HikariConfig.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(SqliteDialect.DRIVER, false, loader).getClassLoader();
            } catch (ClassNotFoundException | LinkageError e) {
                // not visible from this loader: try the next
            }
        }
        return HikariConfig.class.getClassLoader();
    }

    /**
     * Why this store may never write its database (another copy of SQLite in this JVM writes the SQLite
     * file); empty when it may. Every operation of a refused store fails with {@link StoreRefusedException}.
     */
    public Optional<String> refusal() {
        return sqliteClaim == null ? Optional.empty() : sqliteClaim.refusal();
    }

    private static HikariConfig poolConfig(MonitorConfig config, Dialect dialect, String name, long waitMillis) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(config.databaseUrl());
        config.databaseUser().ifPresent(hc::setUsername);
        config.databasePassword().ifPresent(hc::setPassword);
        hc.setInitializationFailTimeout(-1); // a dead database must not stop the host from starting
        hc.setConnectionTimeout(waitMillis);
        hc.setValidationTimeout(1_000);
        dialect.configure(hc);
        return hc;
    }

    @Override
    public void writeBatch(List<RequestRecord> records, Origin origin) {
        if (records.isEmpty()) {
            return;
        }
        // Outside the transaction: a capture still being taken must not hold the database's write lock.
        Map<RequestRecord, OutlierCapture> captures = finishedCaptures(records);
        Map<String, BatchWriter.Touched> touched = inTransaction("write " + records.size() + " request records",
                c -> {
                    Map<String, BatchWriter.Touched> t = batchWriter.write(c, records, captures, origin);
                    writeErrors(c, records, t, origin);
                    return t;
                });
        batchWriter.committed(touched);
    }

    /** The batch's exceptions to their causes' groups, in the batch's transaction (only when it has any). */
    private void writeErrors(Connection c, List<RequestRecord> records, Map<String, BatchWriter.Touched> touched,
            Origin origin) throws SQLException {
        boolean any = false;
        for (RequestRecord r : records) {
            if (r.error() != null) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        Map<String, Long> endpointIds = new HashMap<>();
        touched.forEach((name, t) -> endpointIds.put(name, t.id));
        errorWriter.write(c, records, endpointIds, dictionaries.originId(c, origin), origin.version());
    }

    @Override
    public dev.monitordash.core.resource.ResourceStore resources() {
        return resources;
    }

    @Override
    public dev.monitordash.core.error.ErrorGroups errors() {
        return errors;
    }

    private static Map<RequestRecord, OutlierCapture> finishedCaptures(List<RequestRecord> records) {
        Map<RequestRecord, OutlierCapture> out = null;
        for (RequestRecord r : records) {
            if (r.outlier() == null) {
                continue;
            }
            try {
                OutlierCapture capture = r.outlier().awaitCapture(CAPTURE_WAIT_MILLIS);
                if (capture != null) {
                    if (out == null) {
                        out = new IdentityHashMap<>();
                    }
                    out.put(r, capture);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break; // shutting down: the rest is written as plain requests
            }
        }
        return out == null ? Map.of() : out;
    }

    /** Number and summed duration (µs) of stored requests per endpoint name. */
    @Override
    public List<DurationTotal> loadDurationTotals() {
        return inTransaction("load duration totals", c -> {
            List<DurationTotal> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.name, SUM(d.requests), SUM(d.total) "
                    + "FROM rollup_day d JOIN endpoint e ON e.id = d.endpoint_id GROUP BY e.name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DurationTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    /** Latest durations (µs) per endpoint name, oldest first ({@link LatestDurations}). */
    @Override
    public Map<String, long[]> loadRecentDurations(int perEndpoint) {
        return inTransaction("load recent durations", c -> LatestDurations.load(c, perEndpoint));
    }

    @Override
    public void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version) {
        requireLevel(level);
        // An existing row keeps its level, first-seen time and version; only a missing handler is filled in.
        inTransaction("save endpoint " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoint "
                    + "(name, handler, level, methods, first_seen, first_version) VALUES (?, ?, ?, '', ?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET handler = COALESCE(endpoint.handler, excluded.handler)")) {
                ps.setString(1, name);
                ps.setString(2, handler);
                ps.setInt(3, level);
                ps.setLong(4, EpochMicros.of(firstSeen));
                ps.setString(5, version);
                return ps.executeUpdate();
            }
        });
    }

    /** Persists a level change; an endpoint the store has not seen yet is inserted with that level. */
    @Override
    public void saveLevel(String name, int level) {
        requireLevel(level);
        inTransaction("save the level of endpoint " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoint "
                    + "(name, level, methods, first_seen) VALUES (?, ?, '', ?) "
                    + "ON CONFLICT (name) DO UPDATE SET level = excluded.level")) {
                ps.setString(1, name);
                ps.setInt(2, level);
                ps.setLong(3, EpochMicros.of(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    /** Every stored endpoint, by name; methods sorted. */
    @Override
    public List<StoredEndpoint> loadEndpoints() {
        return inTransaction("load endpoints", c -> {
            List<StoredEndpoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, handler, level, methods, first_seen, "
                    + "first_version, last_requested FROM endpoint ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEndpoint(rs.getString(1), rs.getString(2), rs.getInt(3),
                            new TreeSet<>(BatchWriter.parseMethods(rs.getString(4))),
                            EpochMicros.toInstant(rs.getLong(5)), rs.getString(6), instantOrNull(rs, 7)));
                }
            }
            return out;
        });
    }

    /** Name and level only: read every few seconds by each instance, so nothing else is fetched. */
    @Override
    public Map<String, Integer> loadLevels() {
        return inTransaction("load endpoint levels", c -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, level FROM endpoint");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /**
     * Stores the version; one seen before keeps its earliest first-seen time, and gains a commit, commit
     * time or tags it did not have (a tag may be added after the first deployment).
     */
    @Override
    public void saveVersion(VersionInfo version, Instant firstSeen) {
        inTransaction("save version " + version.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO version "
                    + "(name, first_seen, commit_id, commit_time, tags) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET "
                    + "first_seen = CASE WHEN excluded.first_seen < version.first_seen "
                    + "THEN excluded.first_seen ELSE version.first_seen END, "
                    + "commit_id = COALESCE(version.commit_id, excluded.commit_id), "
                    + "commit_time = COALESCE(version.commit_time, excluded.commit_time), "
                    + "tags = CASE WHEN excluded.tags = '' THEN version.tags ELSE excluded.tags END")) {
                ps.setString(1, version.name());
                ps.setLong(2, EpochMicros.of(firstSeen));
                ps.setString(3, version.commit());
                if (version.commitTime() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, EpochMicros.of(version.commitTime()));
                }
                ps.setString(5, version.tags() == null ? "" : String.join(" ", version.tags()));
                return ps.executeUpdate();
            }
        });
    }

    /** Every stored version, oldest first. */
    public List<StoredVersion> loadVersions() {
        return inTransaction("load versions", c -> {
            List<StoredVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, first_seen, commit_id, commit_time, tags FROM version ORDER BY first_seen, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String tags = rs.getString(5);
                    out.add(new StoredVersion(rs.getString(1), EpochMicros.toInstant(rs.getLong(2)),
                            rs.getString(3), instantOrNull(rs, 4),
                            tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" "))));
                }
            }
            return out;
        });
    }

    /** One bounded step of background work if due (V1 conversion, user rollups, retention); never throws. */
    @Override
    public boolean maintain() {
        return maintenance.runDue() | resourceErrorRetention.runDue();
    }

    /**
     * Does now, to the end, the background work the writer spreads over time: converts every V1 row and
     * rolls up every pending row (for bulk loads, benchmarks and tests; views are exact without it).
     */
    @Override
    public void catchUp() {
        maintenance.catchUp();
    }

    /** Runs one whole retention pass now (tests; the writer runs them every 10 minutes). */
    public void retainNow() {
        maintenance.retainNow();
        resourceErrorRetention.runNow();
    }

    @Override
    public DashboardQueries queries() {
        return queries;
    }

    @Override
    public dev.monitordash.core.tests.TestStore tests() {
        return tests;
    }

    @Override
    public boolean supportsSql() {
        return true;
    }

    /**
     * As the writer's transactions; an {@link IllegalArgumentException} or {@link java.util.NoSuchElementException}
     * of the work (it refused its input, e.g. an alert rule whose name is taken) rolls back and reaches the
     * caller as it is, instead of as a store failure.
     */
    @Override
    public <T> T transaction(String what, SqlWork<T> work) {
        return inTransaction(what, c -> {
            try {
                return work.run(c);
            } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                throw new Refusal(e);
            }
        });
    }

    /** Carries a work's refusal of its input through {@link #inTransaction} unwrapped. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException input;

        Refusal(RuntimeException input) {
            super(input.getMessage(), input, false, false);
            this.input = input;
        }
    }

    @Override
    public <T> T read(String what, SqlWork<T> work) {
        try (Connection c = openSnapshot()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("MonitorDash could not read " + what + ": " + describe(e), e);
        }
    }

    /**
     * Closes both pools (connections still in use are aborted by HikariCP within seconds) and waits for
     * their threads to end, then deregisters the JDBC drivers the application's own class loader
     * registered ({@link OwnDrivers}): after an undeploy nothing of the store is left in the JVM.
     */
    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            pool.close();
        }
        poolThreads.awaitEnd(CONNECTION_TIMEOUT_MILLIS);
        ownDrivers.deregister();
        if (sqliteClaim != null) {
            sqliteClaim.close(); // after the pools: no connection of this copy is left on the file
        }
    }

    /** A dashboard call's snapshot, cancelled once it has read for longer than the query timeout. */
    private Connection openSnapshot() throws SQLException {
        return openSnapshot(queryTimeout);
    }

    /** An export's snapshot: it streams for as long as the client reads, so only its size bounds it. */
    private Connection openExportSnapshot() throws SQLException {
        return openSnapshot(null);
    }

    private Connection openSnapshot(Duration timeLimit) throws SQLException {
        ensureSchema();
        Connection c = readers.getConnection();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(dialect.snapshotIsolation());
            dialect.limitQueryTime(c, timeLimit);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Migrates once per healthy stretch; after a failure the schema is checked again (see {@link #failed}). */
    private void ensureSchema() {
        if (schemaReady) {
            return;
        }
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            throw new StoreRefusedException(refusal.get());
        }
        synchronized (migrationLock) {
            if (schemaReady) {
                return;
            }
            try (Connection c = pool.getConnection()) {
                int found = migrator.migrate(c, EpochMicros.of(clock.instant()));
                if (found < SchemaMigrator.LATEST) {
                    LOG.info("MonitorDash migrated its {} schema from version {} to {}", dialect.name(), found,
                            SchemaMigrator.LATEST);
                }
                schemaReady = true;
            } catch (SQLException e) {
                throw new StoreException("MonitorDash store is not reachable: " + describe(e), e);
            }
        }
    }

    /**
     * Runs the work in one transaction on a pooled connection: all or nothing. Whatever goes wrong inside
     * (an SQL error, or a driver's own exception or assertion about a dead connection) is rolled back,
     * the connection is discarded, and the caller gets a {@link StoreException}.
     */
    private <T> T inTransaction(String what, StoreMaintenance.Step<T> work) {
        ensureSchema();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof Refusal refusal) {
                    throw refusal.input; // not a fault of the store: the connection is fine
                }
                // Never reuse a connection that failed: SQLite opens a file it cannot write as read-only
                // and would stay read-only after the file is writable again; a PostgreSQL connection
                // may be half-broken. A fresh one costs little next to a failed batch.
                pool.evictConnection(c);
                throw failed(what, e);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    // After any failure the database may have been replaced (restored backup, recreated file, new server):
    // cached endpoint ids may be wrong and the schema may be missing, so both are checked again on next use.
    private StoreException failed(String what, Throwable e) {
        if (e instanceof StoreException) {
            return (StoreException) e;
        }
        schemaReady = false;
        endpointIds.clear();
        dictionaries.clear();
        return new StoreException("MonitorDash could not " + what + ": " + describe(e), e);
    }

    /** HikariCP's timeout message hides why connecting failed; the dashboard shows both. */
    static String describe(Throwable e) {
        Throwable cause = e.getCause();
        if (cause == null || cause.getMessage() == null || cause.getMessage().equals(e.getMessage())) {
            return e.getMessage();
        }
        return e.getMessage() + " (" + cause.getMessage() + ")";
    }

    private static void requireLevel(int level) {
        if (!MonitoringLevel.isValid(level)) {
            throw new IllegalArgumentException("monitoring level must be 0-3, was " + level);
        }
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : EpochMicros.toInstant(micros);
    }

    private static String withoutParameters(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

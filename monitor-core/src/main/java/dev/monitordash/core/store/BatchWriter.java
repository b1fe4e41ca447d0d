package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.outlier.OutlierCapture;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of requests inside the caller's transaction: resolves endpoint names, the origin, users
 * and client addresses to ids (inserting the new ones), inserts the requests with one JDBC batch, adds the
 * batch to the hourly and daily rollups, then updates each touched endpoint's last-requested time and
 * methods. The first statement writes (an endpoint or dictionary insert, or the request rows), so SQLite
 * takes its write lock at once instead of upgrading a read lock under a concurrent writer.
 */
final class BatchWriter {

    static final String INSERT_ENDPOINT_IF_MISSING = "INSERT INTO endpoint "
            + "(name, handler, level, methods, first_seen, first_version) VALUES (?, ?, ?, '', ?, ?) "
            + "ON CONFLICT (name) DO NOTHING";
    private static final String SELECT_ENDPOINT = "SELECT id, methods FROM endpoint WHERE name = ?";
    static final String INSERT_REQUEST = "INSERT INTO request (endpoint_id, started_ms, duration, kind, "
            + "origin_id, user_id, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    // Matches no row: on SQLite a writing statement takes the write lock all the same, on PostgreSQL it
    // locks nothing.
    private static final String TAKE_WRITE_LOCK = "UPDATE rollup_progress SET written_to = written_to "
            + "WHERE origin_id = -1";
    // Matches the origin's progress row: see lockOrigin.
    private static final String LOCK_ORIGIN = "UPDATE rollup_progress SET written_to = written_to WHERE origin_id = ?";
    private static final String MAX_ID = "SELECT COALESCE(MAX(id), 0) FROM request";
    private static final String WRITTEN_TO = "UPDATE rollup_progress SET written_to = ? "
            + "WHERE origin_id = ? AND written_to < ?";
    private static final String UPDATE_LAST_REQUESTED = "UPDATE endpoint SET last_requested = ? "
            + "WHERE id = ? AND (last_requested IS NULL OR last_requested < ?)";
    private static final String UPDATE_METHODS = "UPDATE endpoint SET methods = ? WHERE id = ?";

    /** One endpoint's share of a batch. */
    static final class Touched {
        final Endpoint endpoint;
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        final Set<String> methods = new HashSet<>(4);
        long id;
        Set<String> storedMethods;
        boolean methodsAdded;

        Touched(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    private final EndpointIds ids;
    private final Dictionaries dictionaries;
    private final TimeRollups rollups;
    private final Dialect dialect;
    private final OutlierWriter outliers;
    private final ProfileWriter profiles;
    private final StatementCache statements = new StatementCache();

    BatchWriter(EndpointIds ids, Dictionaries dictionaries, Dialect dialect, int outliersKept, int profilesKept) {
        this.ids = ids;
        this.dictionaries = dictionaries;
        this.rollups = new TimeRollups(dialect, statements);
        this.dialect = dialect;
        this.outliers = new OutlierWriter(outliersKept, dialect);
        this.profiles = new ProfileWriter(profilesKept, dialect);
    }

    /** Writes the batch without outliers. */
    Map<String, Touched> write(Connection c, List<RequestRecord> records, Origin origin) throws SQLException {
        return write(c, records, Map.of(), origin);
    }

    /**
     * Writes the batch; returns what the endpoint cache may learn once the transaction commits.
     *
     * @param captures the finished captures of the batch's outlier records (by identity); a record whose
     *                 capture is missing is written as a plain request
     */
    Map<String, Touched> write(Connection c, List<RequestRecord> records, Map<RequestRecord, OutlierCapture> captures,
            Origin origin) throws SQLException {
        Map<String, Touched> touched = summarize(records);
        resolveIds(c, touched.values(), origin);
        long originId = dictionaries.originId(c, origin);
        List<RequestRow> rows = rows(c, records, touched, originId);
        lockOrigin(c, originId);
        long lo = maxId(statements.prepare(c, MAX_ID)) + 1;
        insertRequests(c, records, rows, captures);
        insertLinked(c, records, rows, captures);
        long hi = maxId(statements.prepare(c, MAX_ID));
        rollups.add(c, rows, lo, hi);
        TestHits.add(c, records, rows, dictionaries.tests, originId);
        PreparedStatement writtenTo = statements.prepare(c, WRITTEN_TO);
        writtenTo.setLong(1, hi);
        writtenTo.setLong(2, originId);
        writtenTo.setLong(3, hi);
        writtenTo.executeUpdate();
        updateLastRequested(c, touched.values());
        updateMethods(c, touched.values());
        return touched;
    }

    /** The records as rows: ids of their endpoint, origin, user and client (new names inserted). */
    private List<RequestRow> rows(Connection c, List<RequestRecord> records, Map<String, Touched> touched,
            long originId) throws SQLException {
        Set<String> userNames = new HashSet<>();
        Set<String> clientAddresses = new HashSet<>();
        for (RequestRecord r : records) {
            userNames.add(r.user());
            clientAddresses.add(r.clientIp());
        }
        Map<String, Long> users = dictionaries.users.ids(c, userNames);
        Map<String, Long> clients = dictionaries.clients.ids(c, clientAddresses);
        List<RequestRow> rows = new java.util.ArrayList<>(records.size());
        for (RequestRecord r : records) {
            rows.add(new RequestRow(0, touched.get(r.endpoint().name()).id, r.startEpochMicros(),
                    (r.durationNanos() + 500) / 1_000, // nearest microsecond
                    r.status(), originId, idOrZero(users, r.user()), idOrZero(clients, r.clientIp())));
        }
        return rows;
    }

    private static long idOrZero(Map<String, Long> ids, String name) {
        return name == null ? 0 : ids.get(name);
    }

    /**
     * A write before the transaction's first read, even when every id came from the caches: SQLite then
     * holds the write lock from here on and never has to upgrade a read lock behind another writer.
     */
    static void holdWriteLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TAKE_WRITE_LOCK)) {
            ps.executeUpdate();
        }
    }

    /**
     * Locks the origin's {@code rollup_progress} row before the batch takes any request id, and is on SQLite
     * the write that takes the write lock (as {@link #holdWriteLock}). Two JVMs configured with the same
     * origin then write their batches one after the other, and the user rollups of the origin (which lock
     * the row too) never run between them: the origin's rows are committed in id order, as its watermark
     * assumes. Without it a rollup could move the watermark past the ids of a batch still in flight, whose
     * rows then never reached rollup_user.
     */
    private void lockOrigin(Connection c, long originId) throws SQLException {
        PreparedStatement ps = statements.prepare(c, LOCK_ORIGIN);
        ps.setLong(1, originId);
        ps.executeUpdate();
    }

    static long maxId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MAX_ID)) {
            return maxId(ps);
        }
    }

    private static long maxId(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** To be called after commit only: a rolled-back insert must not leave its id in the cache. */
    void committed(Map<String, Touched> touched) {
        dictionaries.committed();
        for (Map.Entry<String, Touched> e : touched.entrySet()) {
            Touched t = e.getValue();
            Set<String> all = t.methodsAdded ? union(t.storedMethods, t.methods) : t.storedMethods;
            ids.put(e.getKey(), t.id, all);
        }
    }

    private static Map<String, Touched> summarize(List<RequestRecord> records) {
        Map<String, Touched> touched = new HashMap<>();
        for (RequestRecord r : records) {
            Touched t = touched.get(r.endpoint().name());
            if (t == null) {
                t = new Touched(r.endpoint());
                touched.put(r.endpoint().name(), t);
            }
            t.firstStart = Math.min(t.firstStart, r.startEpochMicros());
            t.lastStart = Math.max(t.lastStart, r.startEpochMicros());
            if (r.method() != null) {
                t.methods.add(r.method());
            }
        }
        return touched;
    }

    private void resolveIds(Connection c, Collection<Touched> touched, Origin origin) throws SQLException {
        PreparedStatement insert = null;
        PreparedStatement select = null;
        try {
            for (Touched t : touched) {
                EndpointIds.Known known = ids.get(t.endpoint.name());
                if (known != null) {
                    t.id = known.id();
                    t.storedMethods = known.methods();
                    continue;
                }
                if (insert == null) {
                    insert = c.prepareStatement(INSERT_ENDPOINT_IF_MISSING);
                    select = c.prepareStatement(SELECT_ENDPOINT);
                }
                // Insert first, read after: the endpoint may have been stored meanwhile by saveEndpoint
                // or another instance, and then keeps its row as it is.
                insert.setString(1, t.endpoint.name());
                insert.setString(2, t.endpoint.handler());
                insert.setInt(3, t.endpoint.level());
                insert.setLong(4, t.firstStart);
                insert.setString(5, origin.version());
                insert.executeUpdate();
                select.setString(1, t.endpoint.name());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("endpoint " + t.endpoint.name() + " vanished while being stored");
                    }
                    t.id = rs.getLong(1);
                    t.storedMethods = parseMethods(rs.getString(2));
                }
            }
        } finally {
            closeAll(insert, select);
        }
    }

    private void insertRequests(Connection c, List<RequestRecord> records, List<RequestRow> rows,
            Map<RequestRecord, OutlierCapture> captures) throws SQLException {
        PreparedStatement ps = statements.prepare(c, INSERT_REQUEST);
        for (int i = 0; i < records.size(); i++) {
            RequestRecord r = records.get(i);
            if (isLinked(r, captures)) {
                continue; // written one by one in insertLinked: its generated id links outlier and profile
            }
            setRequest(ps, rows.get(i), kind(c, r));
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static boolean isLinked(RequestRecord r, Map<RequestRecord, OutlierCapture> captures) {
        return r.profile() != null || captures.containsKey(r);
    }

    // The request row first, then its outlier and profile with the request's generated id, in the same
    // transaction.
    private void insertLinked(Connection c, List<RequestRecord> records, List<RequestRow> rows,
            Map<RequestRecord, OutlierCapture> captures) throws SQLException {
        Set<Long> withOutliers = new HashSet<>();
        Set<Long> withProfiles = new HashSet<>();
        PreparedStatement ps = null;
        try {
            for (int i = 0; i < records.size(); i++) {
                RequestRecord r = records.get(i);
                if (!isLinked(r, captures)) {
                    continue;
                }
                if (ps == null) {
                    ps = c.prepareStatement(INSERT_REQUEST, new String[] {"id"});
                }
                long endpointId = rows.get(i).endpointId();
                setRequest(ps, rows.get(i), kind(c, r));
                ps.executeUpdate();
                long requestId = dialect.generatedId(ps);
                OutlierCapture capture = captures.get(r);
                if (capture != null) {
                    outliers.insert(c, requestId, endpointId, capture);
                    withOutliers.add(endpointId);
                }
                if (r.profile() != null) {
                    profiles.insert(c, requestId, endpointId, r.profile().profile(r.durationNanos()));
                    withProfiles.add(endpointId);
                }
            }
        } finally {
            if (ps != null) {
                ps.close();
            }
        }
        if (!withOutliers.isEmpty()) {
            outliers.retain(c, withOutliers);
        }
        if (!withProfiles.isEmpty()) {
            profiles.retain(c, withProfiles);
        }
    }

    private int kind(Connection c, RequestRecord r) throws SQLException {
        return dictionaries.kinds.id(c, new RequestKinds.Kind(r.method(), r.status()));
    }

    /** Binds {@link #INSERT_REQUEST}: the start time goes to the table in milliseconds. */
    static void setRequest(PreparedStatement ps, RequestRow r, int kind) throws SQLException {
        setRequest(ps, 0, r, kind);
    }

    /** Binds the request's columns after the first {@code offset} parameters. */
    static void setRequest(PreparedStatement ps, int offset, RequestRow r, int kind) throws SQLException {
        ps.setLong(offset + 1, r.endpointId());
        ps.setLong(offset + 2, Math.floorDiv(r.startedAt(), 1_000));
        ps.setLong(offset + 3, r.duration());
        ps.setInt(offset + 4, kind);
        ps.setLong(offset + 5, r.originId());
        setNullableId(ps, offset + 6, r.userId());
        setNullableId(ps, offset + 7, r.clientId());
    }

    private void updateLastRequested(Connection c, Collection<Touched> touched) throws SQLException {
        PreparedStatement ps = statements.prepare(c, UPDATE_LAST_REQUESTED);
        for (Touched t : touched) {
            ps.setLong(1, t.lastStart);
            ps.setLong(2, t.id);
            ps.setLong(3, t.lastStart);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    // Read-modify-write of the row, locked on PostgreSQL so that two instances adding different methods
    // at once both survive. Runs only when the batch brings a method this process has not stored yet.
    private void updateMethods(Connection c, Collection<Touched> touched) throws SQLException {
        PreparedStatement select = null;
        PreparedStatement update = null;
        try {
            for (Touched t : touched) {
                if (t.storedMethods.containsAll(t.methods)) {
                    continue;
                }
                if (select == null) {
                    select = c.prepareStatement("SELECT methods FROM endpoint WHERE id = ?" + dialect.forUpdate());
                    update = c.prepareStatement(UPDATE_METHODS);
                }
                select.setLong(1, t.id);
                try (ResultSet rs = select.executeQuery()) {
                    t.storedMethods = rs.next() ? parseMethods(rs.getString(1)) : Set.of();
                }
                t.methodsAdded = true;
                update.setString(1, String.join(",", union(t.storedMethods, t.methods)));
                update.setLong(2, t.id);
                update.executeUpdate();
            }
        } finally {
            closeAll(select, update);
        }
    }

    static Set<String> parseMethods(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(java.util.Arrays.asList(stored.split(",")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void setNullableId(PreparedStatement ps, int index, long id) throws SQLException {
        if (id == 0) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, id);
        }
    }

    private static void closeAll(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement s : statements) {
            if (s != null) {
                s.close();
            }
        }
    }
}

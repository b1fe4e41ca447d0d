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
 * Writes one batch of requests inside the caller's transaction: resolves endpoint names to ids
 * (inserting endpoints learned at runtime), inserts the requests with one JDBC batch, then updates each
 * touched endpoint's last-requested time and methods. Every statement of the transaction writes before
 * it reads, so SQLite takes its write lock at the first statement and never has to upgrade a read.
 */
final class BatchWriter {

    static final String INSERT_ENDPOINT_IF_MISSING = "INSERT INTO endpoint "
            + "(name, handler, level, methods, first_seen, first_version) VALUES (?, ?, ?, '', ?, ?) "
            + "ON CONFLICT (name) DO NOTHING";
    private static final String SELECT_ENDPOINT = "SELECT id, methods FROM endpoint WHERE name = ?";
    private static final String INSERT_REQUEST = "INSERT INTO request (endpoint_id, started_at, duration, "
            + "method, status, version, user_name, client_ip, service, instance) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
    private final Dialect dialect;
    private final OutlierWriter outliers;
    private final ProfileWriter profiles;

    BatchWriter(EndpointIds ids, Dialect dialect, int outliersKept, int profilesKept) {
        this.ids = ids;
        this.dialect = dialect;
        this.outliers = new OutlierWriter(outliersKept);
        this.profiles = new ProfileWriter(profilesKept);
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
        insertRequests(c, records, touched, origin, captures);
        insertLinked(c, records, captures, touched, origin);
        updateLastRequested(c, touched.values());
        updateMethods(c, touched.values());
        return touched;
    }

    /** To be called after commit only: a rolled-back insert must not leave its id in the cache. */
    void committed(Map<String, Touched> touched) {
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

    private static void insertRequests(Connection c, List<RequestRecord> records, Map<String, Touched> touched,
            Origin origin, Map<RequestRecord, OutlierCapture> captures) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REQUEST)) {
            for (RequestRecord r : records) {
                if (isLinked(r, captures)) {
                    continue; // written one by one in insertLinked: its generated id links outlier and profile
                }
                setRequest(ps, r, touched.get(r.endpoint().name()).id, origin);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static boolean isLinked(RequestRecord r, Map<RequestRecord, OutlierCapture> captures) {
        return r.profile() != null || captures.containsKey(r);
    }

    // The request row first, then its outlier and profile with the request's generated id, in the same
    // transaction.
    private void insertLinked(Connection c, List<RequestRecord> records, Map<RequestRecord, OutlierCapture> captures,
            Map<String, Touched> touched, Origin origin) throws SQLException {
        Set<Long> withOutliers = new HashSet<>();
        Set<Long> withProfiles = new HashSet<>();
        PreparedStatement ps = null;
        try {
            for (RequestRecord r : records) {
                if (!isLinked(r, captures)) {
                    continue;
                }
                if (ps == null) {
                    ps = c.prepareStatement(INSERT_REQUEST, new String[] {"id"});
                }
                long endpointId = touched.get(r.endpoint().name()).id;
                setRequest(ps, r, endpointId, origin);
                ps.executeUpdate();
                long requestId = OutlierWriter.generatedId(ps);
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

    private static void setRequest(PreparedStatement ps, RequestRecord r, long endpointId, Origin origin)
            throws SQLException {
        ps.setLong(1, endpointId);
        ps.setLong(2, r.startEpochMicros());
        ps.setLong(3, (r.durationNanos() + 500) / 1_000); // nearest microsecond
        ps.setString(4, r.method());
        ps.setInt(5, r.status());
        ps.setString(6, origin.version());
        setNullableString(ps, 7, r.user());
        setNullableString(ps, 8, r.clientIp());
        ps.setString(9, origin.service());
        ps.setString(10, origin.instance());
    }

    private static void updateLastRequested(Connection c, Collection<Touched> touched) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_LAST_REQUESTED)) {
            for (Touched t : touched) {
                ps.setLong(1, t.lastStart);
                ps.setLong(2, t.id);
                ps.setLong(3, t.lastStart);
                ps.addBatch();
            }
            ps.executeBatch();
        }
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

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
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

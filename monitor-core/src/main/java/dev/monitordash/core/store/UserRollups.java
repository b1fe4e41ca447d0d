package dev.monitordash.core.store;

import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.HourSlots;
import dev.monitordash.core.rollup.StatusCounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maintains {@code rollup_user} and {@code rollup_client} from raw rows a few seconds behind the writer.
 * In a batch nearly every request has its own (endpoint, user) pair, so keeping these per batch would cost
 * one row read and written per request; rolled up between batches from the rows since the origin's
 * watermark ({@code rollup_progress}), a pair is written once per chunk of thousands. Views add the few
 * pending rows themselves, so they stay exact.
 *
 * <p>Each (endpoint, UTC day, origin) keeps at most {@link #USERS_PER_DAY} users and as many client
 * addresses, first come first kept; the rest are counted together under id 0 ("other users"), so that an
 * application with 100 000 users stores at most that many rows per endpoint and day. Requests without a
 * user (or a known client address) are a group of their own, id {@link #NONE}.
 */
public final class UserRollups {

    static final int USERS_PER_DAY = 500;
    static final int CLIENTS_PER_DAY = 500;
    /** The id rows beyond the cap are counted under. */
    public static final long OTHER = 0;
    /** The id of requests without a user (or without a known client address): a group of their own. */
    public static final long NONE = -1;

    private final Dialect dialect;

    UserRollups(Dialect dialect) {
        this.dialect = dialect;
    }

    record Group(long endpointId, long day, long originId) {
    }

    static final class User {
        long requests;
        long total;
        long fastest = Long.MAX_VALUE;
        long slowest = Long.MIN_VALUE;
        StatusCounts statuses = new StatusCounts();
        HourSlots hours = new HourSlots();
        DurationSketch sketch = new DurationSketch();

        void add(RequestRow r) {
            requests++;
            total += r.duration();
            fastest = Math.min(fastest, r.duration());
            slowest = Math.max(slowest, r.duration());
            statuses.add(r.status());
            hours.add(r.hourOfDay(), r.duration());
            sketch.add(r.duration());
        }

        void merge(User o) {
            requests += o.requests;
            total += o.total;
            fastest = Math.min(fastest, o.fastest);
            slowest = Math.max(slowest, o.slowest);
            statuses.merge(o.statuses);
            hours.merge(o.hours);
            sketch.merge(o.sketch);
        }
    }

    /**
     * Rolls up the pending rows of one origin, at most {@code maxRows}, and moves its watermark.
     *
     * @return the number of rows rolled up; 0 when nothing is pending
     */
    int rollUpPending(Connection c, int maxRows) throws SQLException {
        BatchWriter.holdWriteLock(c);
        long origin;
        long from;
        long to;
        try (PreparedStatement ps = c.prepareStatement("SELECT origin_id, rolled_up_to, written_to FROM "
                + "rollup_progress WHERE rolled_up_to < written_to ORDER BY origin_id LIMIT 1" + dialect.forUpdate());
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            origin = rs.getLong(1);
            from = rs.getLong(2);
            to = rs.getLong(3);
        }
        List<RequestRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.endpoint_id, r.started_ms * 1000, r.duration, "
                + "k.status, r.user_id, r.client_id FROM request r JOIN request_kind k ON k.id = r.kind "
                + "WHERE r.id > ? AND r.id <= ? AND r.origin_id = ? ORDER BY r.id LIMIT ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setLong(3, origin);
            ps.setInt(4, maxRows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RequestRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                            origin, rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        long upTo = rows.size() < maxRows ? to : rows.get(rows.size() - 1).id();
        add(c, rows);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rollup_progress SET rolled_up_to = ? WHERE origin_id = ?")) {
            ps.setLong(1, upTo);
            ps.setLong(2, origin);
            ps.executeUpdate();
        }
        return Math.max(rows.size(), 1);
    }

    /** Adds the rows (of any origins) to the user and client rollups. */
    void add(Connection c, List<RequestRow> rows) throws SQLException {
        Map<Group, Map<Long, User>> users = new LinkedHashMap<>();
        Map<Group, Map<Long, long[]>> clients = new LinkedHashMap<>();
        for (RequestRow r : rows) {
            Group g = new Group(r.endpointId(), r.day(), r.originId());
            long user = r.userId() == 0 ? NONE : r.userId();
            users.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(user, k -> new User()).add(r);
            long client = r.clientId() == 0 ? NONE : r.clientId();
            long[] numbers = clients.computeIfAbsent(g, k -> new LinkedHashMap<>())
                    .computeIfAbsent(client, k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            numbers[0]++;
            numbers[1] += r.duration();
            numbers[2] = Math.min(numbers[2], r.duration());
            numbers[3] = Math.max(numbers[3], r.duration());
        }
        for (Map.Entry<Group, Map<Long, User>> e : users.entrySet()) {
            writeUsers(c, e.getKey(), capped(stored(c, "rollup_user", "user_id", e.getKey()), e.getValue(),
                    USERS_PER_DAY, User::merge));
        }
        for (Map.Entry<Group, Map<Long, long[]>> e : clients.entrySet()) {
            writeClients(c, e.getKey(), capped(stored(c, "rollup_client", "client_id", e.getKey()), e.getValue(),
                    CLIENTS_PER_DAY, (a, b) -> {
                        a[0] += b[0];
                        a[1] += b[1];
                        a[2] = Math.min(a[2], b[2]);
                        a[3] = Math.max(a[3], b[3]);
                    }));
        }
    }

    private interface Merge<T> {
        void into(T target, T source);
    }

    /** The group's ids that have a row already. */
    private static Set<Long> stored(Connection c, String table, String column, Group g) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table
                + " WHERE endpoint_id = ? AND day = ? AND origin_id = ?")) {
            bindGroup(ps, 1, g);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Ids with a row keep it; new ones are admitted while the group has room, the rest fold into OTHER.
     * Neither OTHER nor NONE counts against the cap.
     */
    private static <T> Map<Long, T> capped(Set<Long> stored, Map<Long, T> batch, int cap, Merge<T> merge) {
        int kept = stored.size() - (stored.contains(OTHER) ? 1 : 0) - (stored.contains(NONE) ? 1 : 0);
        Map<Long, T> out = new LinkedHashMap<>();
        for (Map.Entry<Long, T> e : batch.entrySet()) {
            long id = e.getKey();
            if (id != NONE && !stored.contains(id)) {
                if (kept >= cap) {
                    id = OTHER;
                } else {
                    kept++;
                }
            }
            T existing = out.get(id);
            if (existing == null) {
                out.put(id, e.getValue());
            } else {
                merge.into(existing, e.getValue());
            }
        }
        return out;
    }

    private void writeUsers(Connection c, Group g, Map<Long, User> users) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT requests, total, fastest, slowest, statuses, "
                + "hours, sketch FROM rollup_user WHERE endpoint_id = ? AND day = ? AND origin_id = ? AND user_id = ?"
                + dialect.forUpdate());
             PreparedStatement update = c.prepareStatement("UPDATE rollup_user SET requests = ?, total = ?, "
                     + "fastest = ?, slowest = ?, statuses = ?, hours = ?, sketch = ? "
                     + "WHERE endpoint_id = ? AND day = ? AND origin_id = ? AND user_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO rollup_user (requests, total, fastest, "
                     + "slowest, statuses, hours, sketch, endpoint_id, day, origin_id, user_id) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Long, User> e : users.entrySet()) {
                User u = e.getValue();
                bindGroup(select, 1, g);
                select.setLong(4, e.getKey());
                boolean found;
                try (ResultSet rs = select.executeQuery()) {
                    found = rs.next();
                    if (found) {
                        User s = new User();
                        s.requests = rs.getLong(1);
                        s.total = rs.getLong(2);
                        s.fastest = rs.getLong(3);
                        s.slowest = rs.getLong(4);
                        s.statuses = Lenient.statuses(rs.getBytes(5));
                        s.hours = Lenient.hours(rs.getBytes(6));
                        s.sketch = Lenient.sketch(rs.getBytes(7));
                        s.merge(u);
                        u = s;
                    }
                }
                PreparedStatement ps = found ? update : insert;
                ps.setLong(1, u.requests);
                ps.setLong(2, u.total);
                ps.setLong(3, u.fastest);
                ps.setLong(4, u.slowest);
                ps.setBytes(5, u.statuses.encode());
                ps.setBytes(6, u.hours.encode());
                ps.setBytes(7, u.sketch.encode());
                bindGroup(ps, 8, g);
                ps.setLong(11, e.getKey());
                ps.executeUpdate();
            }
        }
    }

    private static void writeClients(Connection c, Group g, Map<Long, long[]> clients) throws SQLException {
        // Numbers only: one statement that adds, under the row lock an upsert takes on both databases.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_client (endpoint_id, day, origin_id, "
                + "client_id, requests, total, fastest, slowest) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (endpoint_id, day, origin_id, client_id) DO UPDATE SET "
                + "requests = rollup_client.requests + excluded.requests, "
                + "total = rollup_client.total + excluded.total, "
                + "fastest = CASE WHEN excluded.fastest < rollup_client.fastest THEN excluded.fastest "
                + "ELSE rollup_client.fastest END, "
                + "slowest = CASE WHEN excluded.slowest > rollup_client.slowest THEN excluded.slowest "
                + "ELSE rollup_client.slowest END")) {
            for (Map.Entry<Long, long[]> e : clients.entrySet()) {
                bindGroup(ps, 1, g);
                ps.setLong(4, e.getKey());
                for (int i = 0; i < 4; i++) {
                    ps.setLong(5 + i, e.getValue()[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindGroup(PreparedStatement ps, int first, Group g) throws SQLException {
        ps.setLong(first, g.endpointId());
        ps.setLong(first + 1, g.day());
        ps.setLong(first + 2, g.originId());
    }
}

package dev.monitordash.core.query;

import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.outlier.SystemSnapshot;
import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The outlier reads of {@link JdbcDashboardQueries}: an endpoint's list, one outlier's detail. */
final class OutlierQueries {

    private static final String SUMMARY_COLUMNS = "o.id, e.name, r.started_at, o.captured_at, r.duration, "
            + "o.ran_for, o.threshold, r.method, r.status, r.user_name, r.version, o.url";
    private static final String FROM = " FROM outlier o JOIN request_detail r ON r.id = o.request_id "
            + "JOIN endpoint e ON e.id = o.endpoint_id";
    static final String LIST = "SELECT " + SUMMARY_COLUMNS + FROM + " WHERE e.name = ? ORDER BY o.id DESC LIMIT ?";
    static final String LIST_IN_RANGE = "SELECT " + SUMMARY_COLUMNS + FROM + " WHERE o.endpoint_id = ? "
            + "AND o.captured_at >= ? AND o.captured_at < ? ORDER BY o.id DESC LIMIT ?";
    // Retention keeps a bounded number per endpoint: these are a few hundred short rows at most.
    static final String CPU_IN_RANGE = "SELECT o.cpu_per_core FROM outlier o WHERE o.endpoint_id = ? "
            + "AND o.captured_at >= ? AND o.captured_at < ? ORDER BY o.id DESC LIMIT ?";
    static final String DETAIL = "SELECT " + SUMMARY_COLUMNS + ", o.query, o.remote_address, o.user_name, "
            + "o.request_thread, o.request_stack, o.cpu_per_core, o.cpu_total, o.memory_total, o.memory_available, "
            + "o.heap_used, o.heap_committed, o.heap_max, o.non_heap_used, o.non_heap_committed, o.gc_count, "
            + "o.gc_time, o.thread_count, o.daemon_thread_count, o.peak_thread_count, o.load_1, o.load_5, "
            + "o.load_15, o.notes" + FROM + " WHERE o.id = ?";
    static final String FIELDS = "SELECT kind, name, value FROM outlier_field WHERE outlier_id = ? "
            + "ORDER BY kind, position";
    static final String THREADS = "SELECT thread_id, name, state, daemon, lock_name, lock_owner, stack "
            + "FROM outlier_thread WHERE outlier_id = ? ORDER BY position";

    private OutlierQueries() {
    }

    static List<OutlierSummary> list(Connection c, String endpoint, int limit) throws SQLException {
        List<OutlierSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, endpoint);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
        }
        return out;
    }

    /**
     * The endpoint's outliers captured in the range (all when null), newest first; an unknown endpoint
     * fails with {@link UnknownEndpointException}.
     */
    static List<OutlierSummary> list(Connection c, String endpoint, TimeRange range, int limit) throws SQLException {
        long id = Reads.endpointId(c, endpoint);
        List<OutlierSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST_IN_RANGE)) {
            Reads.bind(ps, id, from(range), to(range), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
        }
        return out;
    }

    /**
     * One box per logical processor over the CPU loads the endpoint's newest {@code limit} outliers in the
     * range captured. Loads are kept to 0.001 % so that the one box computation
     * ({@link BoxPlotReader#of}, which reads thousandths) serves here too. Outliers without CPU values
     * (platforms that do not tell) are not counted; a processor only some of them had gets the box of those.
     */
    static OutlierCpu cpu(Connection c, String endpoint, TimeRange range, int limit) throws SQLException {
        long id = Reads.endpointId(c, endpoint);
        List<List<Double>> captures = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CPU_IN_RANGE)) {
            Reads.bind(ps, id, from(range), to(range), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Double> cores = numbers(rs.getString(1));
                    if (!cores.isEmpty()) {
                        captures.add(cores);
                    }
                }
            }
        }
        int processors = captures.stream().mapToInt(List::size).max().orElse(0);
        List<BoxPlot> boxes = new ArrayList<>(processors);
        for (int core = 0; core < processors; core++) {
            int k = core;
            long[] thousandths = captures.stream().filter(l -> l.size() > k)
                    .mapToLong(l -> Math.round(l.get(k) * 1_000)).sorted().toArray();
            boxes.add(BoxPlotReader.of("CPU " + core, thousandths));
        }
        return new OutlierCpu(endpoint, captures.size(), boxes);
    }

    private static long from(TimeRange range) {
        return range == null ? Long.MIN_VALUE : range.fromMicros();
    }

    private static long to(TimeRange range) {
        return range == null ? Long.MAX_VALUE : range.toMicros();
    }

    static Optional<OutlierDetail> detail(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DETAIL)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OutlierSummary summary = summary(rs);
                int i = 12;
                String query = rs.getString(++i);
                String remote = rs.getString(++i);
                String user = rs.getString(++i);
                String thread = rs.getString(++i);
                String stack = rs.getString(++i);
                SystemSnapshot system = new SystemSnapshot(summary.capturedAt(), numbers(rs.getString(++i)),
                        rs.getDouble(++i), rs.getLong(++i), rs.getLong(++i), rs.getLong(++i), rs.getLong(++i),
                        rs.getLong(++i), rs.getLong(++i), rs.getLong(++i), rs.getLong(++i), rs.getLong(++i),
                        rs.getInt(++i), rs.getInt(++i), rs.getInt(++i),
                        List.of(rs.getDouble(++i), rs.getDouble(++i), rs.getDouble(++i)), List.of());
                String notes = rs.getString(++i);
                List<NameValue> headers = new ArrayList<>();
                List<NameValue> parameters = new ArrayList<>();
                fields(c, id, headers, parameters);
                RequestData request = summary.url() == null ? null : new RequestData(summary.url(), query,
                        summary.method(), headers, parameters, remote, user, List.of());
                return Optional.of(new OutlierDetail(summary, request, thread, stack, threads(c, id), system,
                        notes == null || notes.isEmpty() ? List.of() : Arrays.asList(notes.split("\n"))));
            }
        }
    }

    private static OutlierSummary summary(ResultSet rs) throws SQLException {
        return new OutlierSummary(rs.getLong(1), rs.getString(2), EpochMicros.toInstant(rs.getLong(3)),
                EpochMicros.toInstant(rs.getLong(4)), rs.getLong(5) / 1_000.0, rs.getLong(6) / 1_000.0,
                rs.getLong(7) / 1_000.0, rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }

    private static void fields(Connection c, long id, List<NameValue> headers, List<NameValue> parameters)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIELDS)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NameValue nv = new NameValue(rs.getString(2), rs.getString(3));
                    ("header".equals(rs.getString(1)) ? headers : parameters).add(nv);
                }
            }
        }
    }

    private static List<CapturedThread> threads(Connection c, long id) throws SQLException {
        List<CapturedThread> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(THREADS)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CapturedThread(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<Double> numbers(String csv) {
        List<Double> out = new ArrayList<>();
        if (csv != null && !csv.isEmpty()) {
            for (String s : csv.split(",")) {
                out.add(Double.parseDouble(s));
            }
        }
        return out;
    }
}

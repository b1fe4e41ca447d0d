package dev.monitordash.core.query;

import dev.monitordash.core.stats.FalseDiscovery;
import dev.monitordash.core.stats.MannWhitney;
import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link TestQueries} in SQL both SQLite and PostgreSQL run. Test runs are few next to requests (a suite of
 * 10 000 tests run 100 times is a million rows), so the page reads raw results, by version through
 * {@code test_run_version} and by test through {@code test_result_test}, and never all of them at once.
 */
public final class JdbcTestQueries implements TestQueries {

    private static final String PASSED = "r.outcome = 'passed'";
    /**
     * The least change of the median that counts: on shared CI machines a test's time drifts by a few
     * percent from run to run, and a shift that small is real to the rank test but not worth anyone's look.
     */
    static final double MIN_CHANGE = 0.10;

    private final Reads reads;

    public JdbcTestQueries(SnapshotConnections connections) {
        this.reads = new Reads(connections);
    }

    @Override
    public List<TestVersion> versions() {
        return reads.read("the test versions", c -> {
            List<TestVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, COUNT(*), MIN(started_at), "
                    + "MAX(started_at) FROM test_run GROUP BY version ORDER BY MIN(started_at), version");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TestVersion(rs.getString(1), rs.getInt(2), EpochMicros.toInstant(rs.getLong(3)),
                            EpochMicros.toInstant(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    @Override
    public List<VersionOutcomes> outcomes() {
        return reads.read("the test outcomes", c -> {
            Map<String, long[]> counts = new LinkedHashMap<>(); // version -> runs, passed, failed, skipped, aborted
            try (PreparedStatement ps = c.prepareStatement("SELECT u.version, COUNT(DISTINCT u.id), "
                    + "SUM(CASE WHEN r.outcome = 'passed' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN r.outcome = 'failed' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN r.outcome = 'skipped' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN r.outcome = 'aborted' THEN 1 ELSE 0 END) "
                    + "FROM test_run u JOIN test_result r ON r.run_id = u.id "
                    + "GROUP BY u.version ORDER BY MIN(u.started_at), u.version");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)});
                }
            }
            List<VersionOutcomes> out = new ArrayList<>();
            counts.forEach((v, n) -> out.add(new VersionOutcomes(v, (int) n[0], n[1], n[2], n[3], n[4])));
            return out;
        });
    }

    @Override
    public List<SlowTest> slowest(String version, int limit) {
        requirePositive(limit);
        return reads.read("the slowest tests of " + version, c -> {
            Map<Long, String> names = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.test_id, t.name FROM test_result r "
                    + "JOIN test_run u ON u.id = r.run_id JOIN test_case t ON t.id = r.test_id "
                    + "WHERE u.version = ? AND " + PASSED + " GROUP BY r.test_id, t.name "
                    + "ORDER BY AVG(r.duration) DESC, t.name LIMIT ?")) {
                Reads.bind(ps, version, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            Map<Long, long[]> durations = durations(c, version, names.keySet());
            List<SlowTest> out = new ArrayList<>();
            names.forEach((id, name) -> {
                long[] d = durations.get(id);
                Arrays.sort(d);
                out.add(new SlowTest(name, d.length, Quantiles.of(d, 2, 4) / 1_000.0, mean(d) / 1_000.0,
                        d[d.length - 1] / 1_000.0));
            });
            return out;
        });
    }

    @Override
    public List<String> tests(int limit) {
        requirePositive(limit);
        return reads.read("the test names", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM test_case t WHERE EXISTS "
                    + "(SELECT 1 FROM test_result r WHERE r.test_id = t.id) ORDER BY name LIMIT ?")) {
                Reads.bind(ps, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public TestBoxes boxes(String test) {
        return reads.read("the box plots of test " + test, c -> {
            Map<String, List<Long>> byVersion = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.version, r.duration FROM test_case t "
                    + "JOIN test_result r ON r.test_id = t.id JOIN test_run u ON u.id = r.run_id "
                    + "WHERE t.name = ? AND " + PASSED + " ORDER BY u.version")) {
                Reads.bind(ps, test);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byVersion.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
            List<BoxPlot> boxes = new ArrayList<>();
            for (String version : versionOrder(c)) {
                List<Long> values = byVersion.get(version);
                if (values != null) {
                    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
                    boxes.add(BoxPlotReader.of(version, sorted));
                }
            }
            return new TestBoxes(test, boxes);
        });
    }

    @Override
    public Comparison compare(String before, String after) {
        return reads.read("the test comparison of " + before + " and " + after, c -> {
            Map<Long, String> names = new HashMap<>();
            Map<Long, long[]> b = durations(c, before, null);
            Map<Long, long[]> a = durations(c, after, null);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM test_case");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
            List<TestChange> changes = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : new TreeMap<>(b).entrySet()) {
                long[] sb = e.getValue();
                long[] sa = a.get(e.getKey());
                if (sa == null) {
                    continue;
                }
                Arrays.sort(sb);
                Arrays.sort(sa);
                MannWhitney.Result mw = MannWhitney.test(sb, sa);
                changes.add(new TestChange(names.get(e.getKey()), sb.length, sa.length,
                        Quantiles.of(sb, 2, 4) / 1_000.0, Quantiles.of(sa, 2, 4) / 1_000.0, mw, 1, false));
                ps.add(mw.p());
            }
            double[] q = FalseDiscovery.adjust(ps.stream().mapToDouble(Double::doubleValue).toArray());
            List<TestChange> slower = new ArrayList<>();
            List<TestChange> faster = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                TestChange ch = changes.get(i);
                double change = ch.medianAfter() / ch.medianBefore() - 1;
                boolean significant = q[i] < ALPHA && Math.abs(change) >= MIN_CHANGE
                        && Math.signum(change) == Math.signum(ch.mannWhitney().effect());
                TestChange adjusted = new TestChange(ch.test(), ch.executionsBefore(), ch.executionsAfter(),
                        ch.medianBefore(), ch.medianAfter(), ch.mannWhitney(), q[i], significant);
                if (significant) {
                    (ch.mannWhitney().effect() > 0 ? slower : faster).add(adjusted);
                }
            }
            Comparator<TestChange> byEffect = Comparator.comparingDouble(ch -> -Math.abs(ch.mannWhitney().effect()));
            slower.sort(byEffect.thenComparing(TestChange::test));
            faster.sort(byEffect.thenComparing(TestChange::test));
            return new Comparison(before, after, changes.size(), slower, faster);
        });
    }

    @Override
    public List<EndpointTests> endpoints(int perEndpoint) {
        requirePositive(perEndpoint);
        return reads.read("the tests per endpoint", c -> {
            // endpoint -> test -> {requests, total}, and the versions each test hit it in
            Map<String, Map<String, long[]>> hits = new TreeMap<>();
            Map<String, TreeSet<String>> versions = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.name, t.name, o.version, h.requests, h.total "
                    + "FROM test_hit h JOIN endpoint e ON e.id = h.endpoint_id JOIN test_case t ON t.id = h.test_id "
                    + "JOIN origin o ON o.id = h.origin_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] n = hits.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new long[2]);
                    n[0] += rs.getLong(4);
                    n[1] += rs.getLong(5);
                    versions.computeIfAbsent(rs.getString(1) + '\n' + rs.getString(2), k -> new TreeSet<>())
                            .add(rs.getString(3));
                }
            }
            List<EndpointTests> out = new ArrayList<>();
            hits.forEach((endpoint, tests) -> {
                long requests = 0;
                List<TestHit> list = new ArrayList<>();
                for (Map.Entry<String, long[]> t : tests.entrySet()) {
                    long[] n = t.getValue();
                    requests += n[0];
                    list.add(new TestHit(t.getKey(), n[0], n[1] / (double) n[0] / 1_000.0,
                            List.copyOf(versions.get(endpoint + '\n' + t.getKey()))));
                }
                list.sort(Comparator.comparingLong(TestHit::requests).reversed().thenComparing(TestHit::test));
                out.add(new EndpointTests(endpoint, list.size(), requests,
                        List.copyOf(list.subList(0, Math.min(perEndpoint, list.size())))));
            });
            return out;
        });
    }

    /** Passed durations (µs) of the version's runs per test id; of the given tests only unless null. */
    private static Map<Long, long[]> durations(Connection c, String version, java.util.Set<Long> tests)
            throws SQLException {
        Map<Long, List<Long>> lists = new HashMap<>();
        if (tests != null && tests.isEmpty()) {
            return Map.of();
        }
        StringBuilder sql = new StringBuilder("SELECT r.test_id, r.duration FROM test_result r "
                + "JOIN test_run u ON u.id = r.run_id WHERE u.version = ? AND " + PASSED);
        if (tests != null) {
            sql.append(" AND r.test_id IN (").append("?,".repeat(tests.size() - 1)).append("?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, version);
            int i = 2;
            if (tests != null) {
                for (long id : tests) {
                    ps.setLong(i++, id);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        Map<Long, long[]> out = new HashMap<>();
        lists.forEach((id, l) -> out.put(id, l.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    private static List<String> versionOrder(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM test_run GROUP BY version ORDER BY MIN(started_at), version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static double mean(long[] values) {
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}

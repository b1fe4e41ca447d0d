package dev.monitordash.core.store;

import dev.monitordash.core.query.PartialReads;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.resource.ResourceHistory;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.core.resource.ResourceStore;
import dev.monitordash.core.resource.ResourceSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resource tables of V7 over JDBC: raw samples, and the minute and hour summaries the same
 * transaction adds each sample to (read, merge, write back: one instance writes its own rows only, and
 * its one resource thread writes them, so the read-modify-write has no competitor).
 */
final class ResourceTables implements ResourceStore {

    static final int MINUTE = 60;
    static final int HOUR = 3600;
    /** Minute summaries are kept this long: views over more than 8 days read hours instead. */
    static final Duration MINUTES_KEPT = Duration.ofDays(8);

    /** Opens a snapshot for one read; the caller closes it. */
    @FunctionalInterface
    interface Snapshots {
        Connection open() throws SQLException;
    }

    private final StoreMaintenance.Transactions transactions;
    private final Snapshots snapshots;
    // Its own: the writer thread's cache is not thread-safe, and this runs on the resource thread.
    private final Dictionaries dictionaries = new Dictionaries();

    ResourceTables(StoreMaintenance.Transactions transactions, Snapshots snapshots) {
        this.transactions = transactions;
        this.snapshots = snapshots;
    }

    @Override
    public void write(List<ResourceSample> samples, Origin origin) {
        if (samples.isEmpty()) {
            return;
        }
        try {
            transactions.run("write " + samples.size() + " resource samples", c -> {
                long originId = dictionaries.originId(c, origin);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO resource_sample (at, origin_id, sample) VALUES (?, ?, ?) "
                                + "ON CONFLICT (at, origin_id) DO NOTHING")) {
                    for (ResourceSample s : samples) {
                        ps.setLong(1, EpochMicros.of(s.at()));
                        ps.setLong(2, originId);
                        ps.setBytes(3, s.toBytes());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                addToSummaries(c, samples, originId, MINUTE);
                addToSummaries(c, samples, originId, HOUR);
                return null;
            });
            dictionaries.committed();
        } catch (RuntimeException e) {
            dictionaries.clear();
            throw e;
        }
    }

    private static void addToSummaries(Connection c, List<ResourceSample> samples, long originId, int span)
            throws SQLException {
        Map<Long, ResourceSummary> byBucket = new TreeMap<>();
        for (ResourceSample s : samples) {
            long bucket = bucketOf(EpochMicros.of(s.at()), span);
            byBucket.computeIfAbsent(bucket, b -> new ResourceSummary()).add(s);
        }
        try (PreparedStatement read = c.prepareStatement(
                "SELECT summary FROM resource_rollup WHERE span = ? AND bucket = ? AND origin_id = ?");
             PreparedStatement upsert = c.prepareStatement(
                     "INSERT INTO resource_rollup (span, bucket, origin_id, summary) VALUES (?, ?, ?, ?) "
                             + "ON CONFLICT (span, bucket, origin_id) DO UPDATE SET summary = excluded.summary")) {
            for (Map.Entry<Long, ResourceSummary> e : byBucket.entrySet()) {
                ResourceSummary merged = e.getValue();
                read.setInt(1, span);
                read.setLong(2, e.getKey());
                read.setLong(3, originId);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        try {
                            ResourceSummary stored = ResourceSummary.fromBytes(rs.getBytes(1));
                            stored.merge(merged);
                            merged = stored;
                        } catch (IllegalArgumentException unreadable) {
                            // Continued from empty, as the request rollups do with an unreadable sketch.
                        }
                    }
                }
                upsert.setInt(1, span);
                upsert.setLong(2, e.getKey());
                upsert.setLong(3, originId);
                upsert.setBytes(4, merged.toBytes());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    static long bucketOf(long micros, long spanSeconds) {
        long span = spanSeconds * 1_000_000L;
        return Math.floorDiv(micros, span) * span;
    }

    @Override
    public ResourceHistory history(Instant from, Instant to, String instance, long stepSeconds) {
        Duration range = Duration.between(from, to);
        ResourceHistory.Source source = ResourceHistory.sourceFor(range);
        long step = stepSeconds > 0 ? Math.max(stepSeconds, source.span) : ResourceHistory.stepFor(range, source);
        long fromMicros = EpochMicros.of(from);
        long toMicros = EpochMicros.of(to);
        // Series by (service, instance), points by step start: every origin of an instance (its versions)
        // adds to the same points.
        Map<List<String>, TreeMap<Long, ResourceSummary>> series = new TreeMap<>(
                (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        int unreadable = 0;
        String sql = source == ResourceHistory.Source.SAMPLES
                ? "SELECT r.at, r.sample, o.service, o.instance FROM resource_sample r JOIN origin o ON o.id = r.origin_id "
                        + "WHERE r.at >= ? AND r.at < ?"
                : "SELECT r.bucket, r.summary, o.service, o.instance FROM resource_rollup r "
                        + "JOIN origin o ON o.id = r.origin_id WHERE r.span = " + source.span
                        + " AND r.bucket >= ? AND r.bucket < ?";
        if (instance != null) {
            sql += " AND o.instance = ?";
        }
        try (Connection c = snapshots.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            // Summary rows that begin before the range but reach into it are part of it.
            ps.setLong(1, source == ResourceHistory.Source.SAMPLES ? fromMicros : bucketOf(fromMicros, source.span));
            ps.setLong(2, toMicros);
            if (instance != null) {
                ps.setString(3, instance);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(1);
                    ResourceSummary summary;
                    try {
                        summary = source == ResourceHistory.Source.SAMPLES
                                ? ResourceSummary.of(ResourceSample.fromBytes(EpochMicros.toInstant(at), rs.getBytes(2)))
                                : ResourceSummary.fromBytes(rs.getBytes(2));
                    } catch (IllegalArgumentException e) {
                        unreadable++;
                        continue;
                    }
                    series.computeIfAbsent(List.of(rs.getString(3), rs.getString(4)), k -> new TreeMap<>())
                            .merge(bucketOf(at, step), summary, (x, y) -> {
                                x.merge(y);
                                return x;
                            });
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("MonitorDash could not read resource samples: " + JdbcStore.describe(e), e);
        }
        if (unreadable > 0) {
            PartialReads.countUnreadable(unreadable);
        }
        List<ResourceHistory.Series> out = new ArrayList<>();
        series.forEach((key, points) -> {
            List<ResourceHistory.Point> list = new ArrayList<>(points.size());
            points.forEach((bucket, summary) -> list.add(new ResourceHistory.Point(EpochMicros.toInstant(bucket), summary)));
            out.add(new ResourceHistory.Series(key.get(0), key.get(1), list));
        });
        return new ResourceHistory(from, to, step, out);
    }

    /**
     * One retention pass: raw samples older than {@code samplesKept}, minute rows older than 8 days, hour
     * rows older than {@code hoursKept}. Each table is clustered by time, so each delete is a range.
     */
    static int retain(Connection c, long nowMicros, Duration samplesKept, Duration hoursKept) throws SQLException {
        int deleted = 0;
        try (PreparedStatement samples = c.prepareStatement("DELETE FROM resource_sample WHERE at < ?");
             PreparedStatement rollups = c.prepareStatement(
                     "DELETE FROM resource_rollup WHERE span = ? AND bucket < ?")) {
            samples.setLong(1, nowMicros - samplesKept.toNanos() / 1_000);
            deleted += samples.executeUpdate();
            rollups.setInt(1, MINUTE);
            rollups.setLong(2, nowMicros - MINUTES_KEPT.toNanos() / 1_000);
            deleted += rollups.executeUpdate();
            rollups.setInt(1, HOUR);
            rollups.setLong(2, nowMicros - hoursKept.toNanos() / 1_000);
            deleted += rollups.executeUpdate();
        }
        return deleted;
    }
}

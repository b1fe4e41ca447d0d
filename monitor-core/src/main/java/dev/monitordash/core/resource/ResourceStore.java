package dev.monitordash.core.resource;

import dev.monitordash.core.record.Origin;

import java.time.Instant;
import java.util.List;

/**
 * Where resource samples are kept: raw samples for {@code monitordash.retention.resources}, per-minute
 * summaries for 31 days, per-hour summaries as long as the request rollups. Every method may throw
 * {@link dev.monitordash.core.store.StoreException}.
 */
public interface ResourceStore {

    /** Writes the samples of one origin and adds them to its minute and hour summaries, in one transaction. */
    void write(List<ResourceSample> samples, Origin origin);

    /**
     * The series of every instance (or of one, when {@code instance} is not null) between {@code from} and
     * {@code to}, as at most about {@link ResourceHistory#MAX_POINTS} points each: raw samples for ranges up
     * to 3 hours, minute summaries up to 8 days, hour summaries beyond.
     */
    ResourceHistory history(Instant from, Instant to, String instance);

    /** Keeps nothing: a store without resource tables (test doubles). */
    ResourceStore NONE = new ResourceStore() {
        @Override
        public void write(List<ResourceSample> samples, Origin origin) {
        }

        @Override
        public ResourceHistory history(Instant from, Instant to, String instance) {
            return new ResourceHistory(from, to, 0, List.of());
        }
    };
}

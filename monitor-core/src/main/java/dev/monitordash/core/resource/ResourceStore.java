package dev.monitordash.core.resource;

import dev.monitordash.core.record.Origin;

import java.time.Instant;
import java.util.List;

/**
 * Where resource samples are kept: raw samples for {@code monitordash.retention.resources}, per-minute
 * summaries for 8 days, per-hour summaries as long as the request rollups. Every method may throw
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
    default ResourceHistory history(Instant from, Instant to, String instance) {
        return history(from, to, instance, 0);
    }

    /**
     * As {@link #history(Instant, Instant, String)} with points {@code stepSeconds} wide (one of
     * {@link ResourceHistory#STEPS}; 0: the smallest that keeps to {@link ResourceHistory#MAX_POINTS}); a
     * step below the source's resolution is raised to it.
     */
    ResourceHistory history(Instant from, Instant to, String instance, long stepSeconds);

    /** Keeps nothing: a store without resource tables (test doubles). */
    ResourceStore NONE = new ResourceStore() {
        @Override
        public void write(List<ResourceSample> samples, Origin origin) {
        }

        @Override
        public ResourceHistory history(Instant from, Instant to, String instance, long stepSeconds) {
            return new ResourceHistory(from, to, 0, List.of());
        }
    };
}

package dev.monitordash.core.error;

import dev.monitordash.core.query.TimeRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The read side of errors grouped by cause. Every method may throw
 * {@link dev.monitordash.core.store.StoreException}.
 */
public interface ErrorGroups {

    /** Causes with occurrences in the range, most occurrences first, at most {@code limit}. */
    List<ErrorGroup> groups(TimeRange range, ZoneId zone, int limit);

    /** One cause with its stack, versions and the endpoints of the range; empty for an unknown id. */
    Optional<ErrorGroupDetail> group(long id, TimeRange range, ZoneId zone);

    /**
     * Causes whose first occurrence ever was in this version: after a deploy, the causes the new version
     * brought (an alert condition "a new cause after a deploy" asks this for the version just deployed).
     * Newest first.
     */
    List<FirstSeen> firstSeenIn(String version);

    /** Causes first seen at or after {@code since}, newest first. */
    List<FirstSeen> firstSeenSince(Instant since);

    /**
     * A cause's first occurrence ever: in which version, when, and how often it occurred in that version.
     */
    record FirstSeen(long groupId, String exception, String frame, String version, Instant firstSeen,
            long occurrencesInVersion) {
    }

    /** Keeps nothing (test doubles). */
    ErrorGroups NONE = new ErrorGroups() {
        @Override
        public List<ErrorGroup> groups(TimeRange range, ZoneId zone, int limit) {
            return List.of();
        }

        @Override
        public Optional<ErrorGroupDetail> group(long id, TimeRange range, ZoneId zone) {
            return Optional.empty();
        }

        @Override
        public List<FirstSeen> firstSeenIn(String version) {
            return List.of();
        }

        @Override
        public List<FirstSeen> firstSeenSince(Instant since) {
            return List.of();
        }
    };
}

package dev.monitordash.core.record;

/**
 * Counters of the recording pipeline, for the dashboard's status line and for tests.
 *
 * @param accepted    records taken into the queue
 * @param written     records committed to the store
 * @param dropped     records lost: queue full, or their batch failed to write
 * @param queued      records waiting in the queue now
 * @param storeHealthy false while the last write attempt failed
 * @param lastError   message of the last store failure, null if none yet
 */
public record PipelineStats(long accepted, long written, long dropped, int queued, boolean storeHealthy,
        String lastError) {
}

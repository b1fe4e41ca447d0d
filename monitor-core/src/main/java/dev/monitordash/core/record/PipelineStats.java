package dev.monitordash.core.record;

/**
 * Counters of the recording pipeline, for the dashboard's status line and for tests. Every record offered
 * ends in exactly one of written, rejected, failed or lost, or is still queued, so once the queue is
 * empty {@code written + dropped == offered} (docs/api.md).
 *
 * @param accepted   records taken into the queue
 * @param written    records whose batch was committed to the store
 * @param rejected   records never accepted: the queue was full, or the pipeline was closing
 * @param failed     records accepted whose batch the store refused (a failed write is rolled back whole)
 * @param lost       records accepted but never tried: still queued when shutdown gave up waiting
 * @param queued     records waiting for the writer now, including the batch it is writing
 * @param store      what the writer last learned about the store
 * @param lastError  message of the last store failure, null if none yet
 */
public record PipelineStats(long accepted, long written, long rejected, long failed, long lost, int queued,
        StoreState store, String lastError) {

    /** Every record handed to the pipeline, accepted or not. */
    public long offered() {
        return accepted + rejected;
    }

    /** Records that will never be written: rejected, failed and lost. */
    public long dropped() {
        return rejected + failed + lost;
    }

    /** True only once a write reached the store and the last attempt succeeded. */
    public boolean storeHealthy() {
        return store == StoreState.OK;
    }
}

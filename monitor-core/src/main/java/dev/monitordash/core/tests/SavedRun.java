package dev.monitordash.core.tests;

/**
 * What storing a run (or one part of it) did.
 *
 * @param runId    the run
 * @param received results in the delivery
 * @param stored   results new to the store; the rest had been stored before under the same run and key
 */
public record SavedRun(String runId, int received, int stored) {

    public int duplicates() {
        return received - stored;
    }
}

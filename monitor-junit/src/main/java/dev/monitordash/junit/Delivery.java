package dev.monitordash.junit;

import dev.monitordash.core.tests.TestRun;

/** One way a run reaches MonitorDash. */
interface Delivery {

    /** What a delivery did: results sent and of those newly stored. */
    record Outcome(int sent, int stored) {
    }

    /** Where to, for messages (never with a secret). */
    String target();

    /**
     * Delivers the run's parts; throws on the first failure, with a message fit for the one warning.
     */
    Outcome deliver(java.util.List<TestRun> parts) throws Exception;
}

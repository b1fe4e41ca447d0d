package dev.monitordash.core.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a generous deadline passes: no fixed sleeps in tests. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(20);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout + " waiting until " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }
}

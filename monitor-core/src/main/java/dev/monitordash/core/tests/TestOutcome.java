package dev.monitordash.core.tests;

import java.util.Locale;
import java.util.Optional;

/** How a test ended, in the words JUnit's test watcher uses; stored and sent by {@link #id()}. */
public enum TestOutcome {
    PASSED,
    FAILED,
    /** Disabled, or not run: no duration. */
    SKIPPED,
    /** An assumption failed: the test stopped without passing or failing. */
    ABORTED;

    /** The lower-case name used in the store, the API and the page. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of an {@link #id()}; empty for any other text. */
    public static Optional<TestOutcome> of(String id) {
        for (TestOutcome o : values()) {
            if (o.id().equals(id)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}

package dev.monitordash.junit.samples;

import dev.monitordash.junit.MonitorDashExtension;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A suite with every outcome, run by the JUnit Platform inside {@code MonitorDashExtensionTest} (not by
 * Surefire: its name matches none of Surefire's patterns).
 */
@ExtendWith(MonitorDashExtension.class)
@OnlyInEngineRun
public class OutcomesSample {

    public static final long SLEEP_MILLIS = 30;
    public static final int NAME_LENGTH = 10 * 1024;

    @Test
    void passes() throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
    }

    @Test
    void fails() {
        fail("on purpose");
    }

    @Test
    void aborts() {
        assumeTrue(false, "not on this machine");
    }

    @Test
    @Disabled("not today")
    void skipped() {
    }

    @RepeatedTest(3)
    void repeated() {
    }

    static Stream<String> longNames() {
        return Stream.of("n".repeat(NAME_LENGTH));
    }

    // Its display name is the 10 KB argument when junit.jupiter.params.displayname.argument.maxlength allows.
    @ParameterizedTest(name = "{0}")
    @MethodSource("longNames")
    void longName(String name) {
    }
}

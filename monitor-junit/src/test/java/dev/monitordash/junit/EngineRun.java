package dev.monitordash.junit;

import dev.monitordash.junit.samples.OnlyInEngineRun;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A sample suite run by the JUnit Platform's Jupiter engine (EngineTestKit), as Maven or Gradle would run
 * it, with configuration parameters as {@code junit-platform.properties} would give; what the extension
 * printed is kept.
 */
record EngineRun(EngineExecutionResults results, String out, String err) {

    static EngineRun of(Class<?> suite, Map<String, String> parameters) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineExecutionResults results;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite))
                    .configurationParameters(parameters)
                    .configurationParameter(OnlyInEngineRun.PARAMETER, "run").execute();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        oldOut.print(o);
        oldErr.print(e);
        return new EngineRun(results, o, e);
    }

    /** Lines the extension printed to standard error as warnings. */
    long warnings() {
        return err.lines().filter(l -> l.startsWith("[MonitorDash] WARNING")).count();
    }
}

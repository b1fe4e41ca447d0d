package dev.monitordash.junit;

import dev.monitordash.core.query.TestQueries;
import dev.monitordash.core.tests.IssuedToken;
import dev.monitordash.junit.samples.OutcomesSample;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension run by the JUnit Platform, posting to a real dashboard in Jetty with an API token. */
class HttpDeliveryTest {

    @TempDir
    Path dir;
    private DashboardServer dashboard;
    private IssuedToken token;

    @BeforeEach
    void start() throws Exception {
        dashboard = DashboardServer.start(dir, "/shop");
        token = dashboard.monitor().store().tests().createToken("ci", "admin", null);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    Map<String, String> parameters(String url, String secret) {
        Map<String, String> p = new HashMap<>();
        p.put("monitordash.tests.url", url);
        p.put("monitordash.tests.token", secret);
        p.put("monitordash.tests.run-id", "github-991-1");
        p.put("monitordash.tests.version", "1.5.0");
        return p;
    }

    List<TestQueries.VersionOutcomes> outcomes() {
        return dashboard.monitor().store().tests().queries().outcomes();
    }

    @Test
    void theRunIsPostedToTheDashboardAndReadBackOnceHoweverOftenItIsPosted() {
        EngineRun run = EngineRun.of(OutcomesSample.class, parameters(dashboard.base() + "/", token.secret()));
        run.results().testEvents().assertStatistics(s -> s.succeeded(5).failed(1).aborted(1).skipped(1));
        assertEquals(0, run.warnings(), run.err());
        assertTrue(run.out().contains("8 test results of run github-991-1 (version 1.5.0) reported to "
                + dashboard.base() + "/api/tests/results"), run.out());
        assertFalse(run.out().contains(token.secret()), "the token is never printed");
        assertEquals(List.of(new TestQueries.VersionOutcomes("1.5.0", 1, 5, 1, 1, 1)), outcomes());
        TestQueries.TestBoxes boxes = dashboard.monitor().store().tests().queries()
                .boxes(OutcomesSample.class.getName() + "#passes");
        assertTrue(boxes.versions().get(0).median() >= OutcomesSample.SLEEP_MILLIS, boxes.toString());

        EngineRun again = EngineRun.of(OutcomesSample.class, parameters(dashboard.base().toString(), token.secret()));
        assertTrue(again.out().contains("(8 had been reported before)"), again.out());
        assertEquals(List.of(new TestQueries.VersionOutcomes("1.5.0", 1, 5, 1, 1, 1)), outcomes());
    }

    @Test
    void aWrongTokenOrADeadDashboardIsOneWarningAndTheSuiteIsUnaffected() throws Exception {
        EngineRun wrong = EngineRun.of(OutcomesSample.class, parameters(dashboard.base().toString(), "mdt_wrong"));
        wrong.results().testEvents().assertStatistics(s -> s.succeeded(5).failed(1).aborted(1).skipped(1));
        wrong.results().containerEvents().assertStatistics(s -> s.failed(0));
        assertEquals(1, wrong.warnings(), wrong.err());
        assertTrue(wrong.err().contains("HTTP 401: wrong or revoked API token. The build goes on."), wrong.err());
        assertEquals(List.of(), outcomes(), "nothing stored");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EngineRun dead = EngineRun.of(OutcomesSample.class,
                parameters("http://127.0.0.1:" + closedPort + "/dashboard", token.secret()));
        dead.results().containerEvents().assertStatistics(s -> s.failed(0));
        assertEquals(1, dead.warnings(), dead.err());
        assertTrue(dead.err().contains("could not report 8 test results of run github-991-1 (version 1.5.0) to http://127.0.0.1:"
                + closedPort + "/dashboard/api/tests/results"), dead.err());

        Map<String, String> noToken = parameters(dashboard.base().toString(), token.secret());
        noToken.remove("monitordash.tests.token");
        EngineRun missing = EngineRun.of(OutcomesSample.class, noToken);
        assertEquals(1, missing.warnings(), missing.err());
        assertTrue(missing.err().contains("monitordash.tests.token (or MONITORDASH_TESTS_TOKEN) is not"), missing.err());
    }
}

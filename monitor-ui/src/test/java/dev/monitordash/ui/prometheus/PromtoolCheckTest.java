package dev.monitordash.ui.prometheus;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus's own checker on a real scrape: {@code promtool check metrics} parses the text format and lints
 * names, types and help. Runs where promtool is on the PATH (Debian's {@code prometheus} package) and is
 * skipped, saying so, elsewhere.
 */
class PromtoolCheckTest {

    @TempDir
    Path temp;

    private static Path promtool() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "promtool");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    @Test
    void promtoolFindsNoProblemInAScrape() throws Exception {
        Path promtool = promtool();
        assumeTrue(promtool != null, "promtool is not on the PATH: skipped (apt-get install prometheus to run it)");
        MonitorConfig.Builder config = DashboardServer.defaultConfig(temp).prometheusEnabled(true)
                .prometheusToken(ScrapeRouteTest.TOKEN);
        try (DashboardServer server = DashboardServer.start("", config)) {
            Instant now = Instant.now();
            server.record("/orders/{id}", "GET", 200, 12, now);
            server.record("/orders/{id}", "POST", 500, 80, now);
            server.record("/a \"quoted\" \\ path", "GET", 404, 1, now); // label values that need escaping
            server.awaitWritten(3);
            HttpResponse<String> answer = ScrapeRouteTest.send(ScrapeRouteTest.scrape(server)
                    .header("Authorization", "Bearer " + ScrapeRouteTest.TOKEN));
            assertEquals(200, answer.statusCode());

            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            check.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
            check.getOutputStream().close();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
            assertEquals(0, check.exitValue(), "promtool check metrics:\n" + output);
            assertEquals("", output.trim(), "lint findings");
        }
    }
}

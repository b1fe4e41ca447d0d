package dev.monitordash.servlet.exit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, item 8: a plain WAR on Tomcat has no SLF4J provider, and SLF4J then discards every line. The
 * startup summary, with the generated admin password, must still reach the user: a child JVM runs the
 * real binding on an embedded Jetty with slf4j-simple taken off its class path, and the password it
 * prints on System.err at startup (before any dashboard request) logs in.
 */
class StartupSummaryWithoutSlf4jTest {

    private static final Pattern PASSWORD = Pattern.compile("generated for this run: (\\S+) ");

    @TempDir
    Path dir;

    @Test
    void theSummaryWithTheGeneratedPasswordGoesToSystemErrAtStartupAndThePasswordLogsIn() throws Exception {
        try (ChildJvm child = ChildJvm.start(ChildApp.class, entry -> entry.contains("slf4j-simple"),
                dir.resolve("summary.db").toString(), "generated-password")) {
            int port = Integer.parseInt(child.awaitLine(child.out, "PORT ", 60_000).substring("PORT ".length()));
            // Printed while the context started, before the port was even known: no request needed.
            String first = child.awaitLine(child.err, "[MonitorDash] WARN MonitorDash is monitoring", 1_000);
            List<String> err = child.err;
            assertTrue(err.stream().anyMatch(l -> l.contains("No SLF4J providers were found")),
                    "the child really runs without a provider: " + err);
            String summary = String.join("\n", err.subList(err.indexOf(first), Math.min(err.size(), err.indexOf(first) + 6)));
            assertTrue(summary.contains("version:   child (configured)"), summary);
            assertTrue(summary.contains("database:  jdbc:sqlite:" + dir.resolve("summary.db")), summary);
            assertTrue(summary.contains("dashboard: /dashboard/"), summary);
            assertTrue(summary.contains("3 of 3 mapped routes monitored: "), summary); // with Jetty's default "/"
            Matcher m = PASSWORD.matcher(summary);
            assertTrue(m.find(), summary);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/dashboard/api/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + m.group(1) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
        }
    }
}

package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the chart-type tests: a real dashboard (so our assets come with its headers and CSP) and one
 * Chromium on its login page, where each test builds charts through {@link ChartHarness}. The console
 * must stay free of errors in every test.
 */
abstract class ChartTestPage {

    @TempDir
    static Path profile;
    @TempDir
    static Path data;

    private static boolean available;
    private static DashboardServer server;
    private static BrowserSession browser;
    private static ChartHarness harness;

    @BeforeAll
    static void startDashboardAndBrowser() throws Exception {
        available = Browser.chromiumAvailable();
        if (!available) {
            return;
        }
        server = DashboardServer.start(data, "");
        browser = BrowserSession.start(profile, server.base());
        harness = new ChartHarness(browser.driver());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void freshPage() {
        Browser.assumeChromium(available);
        browser.reset(); // the login page: the dashboard's origin, no chart on it
    }

    @AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            browser.assertNoConsoleErrors();
        }
    }

    static JsonNode run(String body) {
        return harness.run(body);
    }

    /** "rgb(r, g, b)" → {r, g, b}. */
    static int[] rgb(String css) {
        String[] parts = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}

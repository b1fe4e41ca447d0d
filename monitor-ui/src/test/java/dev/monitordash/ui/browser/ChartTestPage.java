package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.ui.support.DashboardInBrowser;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the chart-type tests: a real dashboard (so our assets come with its headers and CSP) and one
 * Chromium on its login page, where each test builds charts through {@link ChartHarness}. The console
 * must stay free of errors in every test.
 */
abstract class ChartTestPage {

    private static ChartHarness harness;

    // The login page: the dashboard's origin (our assets with its headers and CSP), no chart on it.
    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("")
            .withBrowser(session -> harness = new ChartHarness(session.driver()));

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

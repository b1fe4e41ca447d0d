package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a piece of JavaScript against our chart modules in the browser's current dashboard page (see
 * {@code chart-harness.js}: Chart.js loaded, {@code h.Chart}, {@code h.heat}, {@code h.canvas()},
 * {@code h.pixel()}, {@code h.hover()}) and returns what it returned, as JSON.
 */
final class ChartHarness {

    private static final String MARKER = "/* TEST BODY */";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String template;
    private final WebDriver driver;

    ChartHarness(WebDriver driver) {
        this.driver = driver;
        this.template = resource("chart-harness.js");
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Runs {@code body} (the body of an async function of {@code h}); fails the test on a script error. */
    JsonNode run(String body) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(template.replace(MARKER, body));
        try {
            JsonNode node = JSON.readTree(String.valueOf(result));
            if (node != null && node.has("error")) {
                fail("script failed in the browser: " + node.get("error").asText());
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + result, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ChartHarness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

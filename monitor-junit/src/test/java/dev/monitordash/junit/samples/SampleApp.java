package dev.monitordash.junit.samples;

import dev.monitordash.core.tests.RunningTests;
import dev.monitordash.junit.MonitorDashExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The application the request samples call: set by the test that starts it in Jetty. */
public final class SampleApp {

    public static volatile URI base;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SampleApp() {
    }

    /** GET path; with the running test's name in the MonitorDash header when {@code tagged}. */
    public static void get(String path, boolean tagged) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (tagged) {
            request.header(RunningTests.HEADER, MonitorDashExtension.currentTest().orElseThrow());
        }
        HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + answer.statusCode());
        }
    }
}

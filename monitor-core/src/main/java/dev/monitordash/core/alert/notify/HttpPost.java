package dev.monitordash.core.alert.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A JSON POST with bounded connect and answer times; anything but 2xx is a failure naming the status. */
final class HttpPost {

    // One client for all receivers: its selector thread is shared; never follows redirects (a webhook URL
    // validated as http/https must not be bounced elsewhere).
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Notifier.TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpPost() {
    }

    static void json(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Notifier.TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "MonitorDash")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        HttpResponse<Void> answer = CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("the receiver answered HTTP " + answer.statusCode());
        }
    }
}

package dev.monitordash.core.alert.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * JSON POSTs with bounded connect and answer times; anything but 2xx is a failure naming the status. One per
 * dispatcher, not static: its client's threads must not outlive an undeployed application (the selector
 * thread ends once the client is unreachable, the executor's threads when the dispatcher shuts it down).
 */
final class HttpPost {

    private final HttpClient client;

    HttpPost(Executor executor) {
        // Never follows redirects: a webhook URL validated as http/https must not be bounced elsewhere.
        this.client = HttpClient.newBuilder().connectTimeout(Notifier.TIMEOUT).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void json(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Notifier.TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "MonitorDash")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        HttpResponse<Void> answer = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("the receiver answered HTTP " + answer.statusCode());
        }
    }
}

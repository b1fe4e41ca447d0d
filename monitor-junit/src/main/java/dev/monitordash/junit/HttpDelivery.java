package dev.monitordash.junit;

import dev.monitordash.core.tests.TestRun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code POST <dashboard>/api/tests/results} with the API token, gzipped (10 000 results: some 2 MB of JSON,
 * 120 KB on the wire), one request per part. The JDK's HTTP client: no jar of ours on the project's test
 * class path beyond monitor-core.
 */
final class HttpDelivery implements Delivery {

    private static final Pattern NUMBER = Pattern.compile("\"(stored|received)\"\\s*:\\s*(\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final ReportSettings settings;
    private final URI endpoint;

    HttpDelivery(ReportSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.url + "/api/tests/results");
    }

    @Override
    public String target() {
        return endpoint.toString();
    }

    @Override
    public Outcome deliver(List<TestRun> parts) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        int sent = 0;
        int stored = 0;
        for (TestRun part : parts) {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(settings.timeout)
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .header("Authorization", "Bearer " + settings.token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(ResultsJson.of(part))))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                Matcher m = ERROR.matcher(response.body());
                throw new IOException("HTTP " + response.statusCode()
                        + (m.find() ? ": " + m.group(1).replace("\\\"", "\"") : ""));
            }
            sent += part.results().size();
            Matcher m = NUMBER.matcher(response.body());
            while (m.find()) {
                if (m.group(1).equals("stored")) {
                    stored += Integer.parseInt(m.group(2));
                }
            }
        }
        return new Outcome(sent, stored);
    }

    private static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() / 8);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}

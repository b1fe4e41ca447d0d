package dev.monitordash.core.alert.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A JSON POST with bounded connect and answer times; anything but 2xx is a failure naming the status.
 * {@link HttpURLConnection}, one connection per message ({@code Connection: close}), rather than
 * {@code java.net.http.HttpClient}: on Java 17 a client's selector thread cannot be stopped and outlives an
 * undeployed web application (Tomcat reports it as a leak); a connection starts no thread at all.
 */
final class HttpPost {

    private HttpPost() {
    }

    static void json(String url, String body, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setConnectTimeout((int) Notifier.TIMEOUT.toMillis());
            c.setReadTimeout((int) Notifier.TIMEOUT.toMillis());
            // A webhook URL validated as http/https must not be bounced elsewhere.
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            c.setRequestProperty("User-Agent", "MonitorDash");
            c.setRequestProperty("Connection", "close");
            headers.forEach(c::setRequestProperty);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.readNBytes(64 * 1024); // what the receiver says is not used; read so the exchange ends cleanly
                }
            }
            if (status / 100 != 2) {
                throw new IOException("the receiver answered HTTP " + status);
            }
        } finally {
            c.disconnect();
        }
    }
}

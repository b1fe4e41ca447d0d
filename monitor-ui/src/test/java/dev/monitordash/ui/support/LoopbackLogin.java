package dev.monitordash.ui.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST api/login} over a plain socket bound to a chosen loopback address (127.0.0.0/8 is all local
 * on Linux), so that one test can be many real clients: the dashboard sees each as its own remote address,
 * exactly as it would see different machines. Sends exactly the headers given (no Origin unless asked for).
 */
public final class LoopbackLogin {

    /** The answer: status, headers (names lower-cased, first value) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The session token of the Set-Cookie header, if the login set one. */
        public Optional<String> sessionToken() {
            return header("Set-Cookie").filter(c -> c.startsWith("MONITORDASH_SESSION="))
                    .map(c -> c.substring("MONITORDASH_SESSION=".length(), c.indexOf(';')))
                    .filter(t -> !t.isEmpty());
        }
    }

    private final DashboardServer server;

    public LoopbackLogin(DashboardServer server) {
        this.server = server;
    }

    /** The {@code n}-th distinct client address (n from 0 to 65 000): 127.1.x.y. */
    public static String client(int n) {
        return "127.1." + (n / 250) + "." + (n % 250 + 1);
    }

    /** Logs in from {@code clientAddress} with extra request headers (name, value, name, value, ...). */
    public Answer login(String clientAddress, String user, String password, String... headers) throws IOException {
        String body = DashboardClient.JSON.createObjectNode().put("username", user).put("password", password).toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append("POST ").append(server.basePath()).append("/api/login HTTP/1.1\r\n")
                .append("Host: ").append(host()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getByName(server.base().getHost()), server.base().getPort(),
                InetAddress.getByName(clientAddress), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** {@code host:port} as a browser on the dashboard's own page would send it in Host and Origin. */
    public String host() {
        return server.base().getHost() + ":" + server.base().getPort();
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP response: " + response);
        }
        String[] lines = response.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        // Connection: close, so the body is the rest (Jetty may still chunk it: good enough for the tests'
        // substring checks, which only look for the error message).
        return new Answer(status, headers, response.substring(end + 4));
    }
}

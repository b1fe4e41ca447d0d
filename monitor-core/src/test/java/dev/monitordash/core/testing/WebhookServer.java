package dev.monitordash.core.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A real HTTP receiver for webhook and Slack messages: records each POST; can fail or hang on demand. */
public final class WebhookServer implements AutoCloseable {

    /** One received POST. */
    public record Received(String path, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (hang) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int answer = status;
                if (answer / 100 == 2) {
                    received.add(new Received(ex.getRequestURI().getPath(), body, Map.copyOf(ex.getRequestHeaders())));
                }
                ex.sendResponseHeaders(answer, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Messages answered 2xx, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Answers every request with this status from now on (500: the receiver is "down"). */
    public void answer(int httpStatus) {
        status = httpStatus;
    }

    /** Never answers until closed. */
    public void hang() {
        hang = true;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}

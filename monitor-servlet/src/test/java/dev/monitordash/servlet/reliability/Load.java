package dev.monitordash.servlet.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients of the reliability suite: {@code connections} threads with one request in flight each, so the
 * shared HTTP/1.1 client (java.net.http pools per host) holds up to {@code connections} sockets, sending {@code GET /work?id=<phase>-<n>} until {@code limit} requests
 * are sent or {@link #stop()}. The application records the {@code id} as the request's user, so every
 * answered request can be looked for in the store. Latencies are kept per phase.
 */
final class Load {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final long limit;
    private final long pauseMillis;
    private final AtomicLong next = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private volatile String phase = "r";
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();

    /** Starts the clients; {@code pauseMillis} between a client's requests (0: as fast as answered). */
    Load(String baseUrl, int connections, long limit, long pauseMillis) {
        this.base = baseUrl;
        this.limit = limit;
        this.pauseMillis = pauseMillis;
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::run, "load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    static Load phased(String baseUrl, int connections, long pauseMillis, String firstPhase) {
        Load load = new Load(baseUrl, connections, Long.MAX_VALUE, pauseMillis);
        load.phase = firstPhase;
        return load;
    }

    Load start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** The prefix of the ids sent from now on. */
    void phase(String name) {
        phase = name;
    }

    void stop() {
        stop.set(true);
    }

    /** Waits for every client to finish the request it is in. */
    void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    /** Latency quantile in milliseconds of the requests of one phase (-1 if none). */
    long quantileMillis(String phaseName, double q) {
        long[] sorted = latencies.getOrDefault(phaseName, new ConcurrentLinkedQueue<>()).stream()
                .mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        return Duration.ofNanos(sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))]).toMillis();
    }

    long answeredIn(String phaseName) {
        return answered.stream().filter(id -> id.startsWith(phaseName + "-")).count();
    }

    private void run() {
        while (!stop.get()) {
            long n = next.incrementAndGet();
            if (n > limit) {
                return;
            }
            String p = phase;
            String id = p + "-" + n;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/work?id=" + id))
                    .timeout(Duration.ofSeconds(30)).build();
            sent.incrementAndGet();
            long started = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                latencies.computeIfAbsent(p, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - started);
                if (status == 200) {
                    answered.add(id);
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet(); // the server is gone (SIGTERM) or refused the connection
                if (stop.get()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "sent=" + sent + " answered=" + answered.size() + " failed=" + failed + " phases="
                + Arrays.toString(latencies.keySet().toArray());
    }
}

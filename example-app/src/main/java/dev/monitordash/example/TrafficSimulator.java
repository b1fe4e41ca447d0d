package dev.monitordash.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the example app with many users, so the dashboard fills with realistic traffic: a weighted mix
 * of endpoints, each request from one of {@code users} simulated users (sent as the {@code X-User}
 * header). It talks to localhost only, at a bounded rate, and stops by itself after {@code duration}.
 */
final class TrafficSimulator {

    private record Route(String method, String path, int weight) {
    }

    private static final Route[] ROUTES = {
        new Route("GET", "/api/languages", 30),
        new Route("GET", "/api/articles/recommended", 10),
        new Route("GET", "/api/bookmarks", 20),
        new Route("GET", "/api/users/%d", 15),
        new Route("POST", "/api/upload", 10),
        new Route("GET", "/api/feeds/refresh", 10),
        new Route("GET", "/api/users/unknown", 2),
        new Route("GET", "/no/such/page", 3),
    };
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(ROUTES).mapToInt(Route::weight).sum();

    private final String base;
    private final int users;
    private final int requestsPerSecond;
    private final Duration duration;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "traffic-simulator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong inFlight = new AtomicLong();

    TrafficSimulator(int port, int users, int requestsPerSecond, Duration duration) {
        this.base = "http://localhost:" + port;
        this.users = users;
        this.requestsPerSecond = requestsPerSecond;
        this.duration = duration;
    }

    void start() {
        long periodMicros = 1_000_000L / requestsPerSecond;
        scheduler.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        scheduler.schedule(scheduler::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendOne() {
        // Bounded: a hung server must not make the simulator pile up requests without limit.
        if (inFlight.get() >= 4L * requestsPerSecond) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Route route = pick(random.nextInt(TOTAL_WEIGHT));
        String path = route.path().contains("%d") ? route.path().formatted(random.nextInt(1, 500)) : route.path();
        String user = ExampleUsers.name(ExampleUsers.pick(random, users));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-User", user);
        request = "POST".equals(route.method())
                ? request.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[1,2,3]}"))
                : request.GET();
        inFlight.incrementAndGet();
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> inFlight.decrementAndGet());
    }

    private static Route pick(int ticket) {
        for (Route r : ROUTES) {
            ticket -= r.weight();
            if (ticket < 0) {
                return r;
            }
        }
        return ROUTES[0];
    }
}

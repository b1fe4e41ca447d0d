package dev.monitordash.ui.support;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;
import dev.monitordash.ui.DashboardServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real embedded Jetty 12 serving {@link DashboardServlet} at {@code <context>/dashboard/*} on a free
 * loopback port, over a real {@link Monitor} (recording pipeline and all) writing into a real store: a
 * SQLite file by default, or whatever database the configuration names.
 */
public final class DashboardServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery";
    public static final String GUEST_PASSWORD = "guest-only-views";
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    public static final VersionInfo VERSION = new VersionInfo("1.4.2", "3f2a9c1d0e5b7a8c9d0e1f2a3b4c5d6e7f8a9b0c",
            List.of("v1.4.2"), Instant.parse("2025-06-01T10:00:00Z"), VersionInfo.Source.GIT);

    private static final AtomicInteger FILES = new AtomicInteger();

    private final Server server;
    private final Monitor monitor;
    private final String basePath;
    private final URI base;

    private DashboardServer(Server server, Monitor monitor, String basePath, URI base) {
        this.server = server;
        this.monitor = monitor;
        this.basePath = basePath;
        this.base = base;
    }

    /** Admin and guest accounts configured, as most tests want, and a new SQLite file in {@code dir}. */
    public static MonitorConfig.Builder defaultConfig(Path dir) {
        return MonitorConfig.builder()
                .databaseUrl("jdbc:sqlite:" + dir.resolve("monitordash-" + FILES.incrementAndGet() + ".db"))
                .adminPassword(ADMIN_PASSWORD)
                .guestPassword(GUEST_PASSWORD)
                .timezone(ZONE)
                .serviceName("shop")
                .instanceName("test-1")
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    /** With {@link #defaultConfig(Path)}: a SQLite file in {@code dir} (a JUnit temporary directory). */
    public static DashboardServer start(Path dir, String contextPath) throws Exception {
        return start(contextPath, defaultConfig(dir));
    }

    /** Over the store of the configuration's database URL ({@link JdbcStore#open}), with version {@link #VERSION}. */
    public static DashboardServer start(String contextPath, MonitorConfig.Builder config) throws Exception {
        MonitorConfig c = config.build();
        Monitor monitor = Monitor.start(c, VERSION, JdbcStore.open(c));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.addServlet(new ServletHolder(new DashboardServlet(monitor)), "/dashboard/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            monitor.close();
            throw e;
        }
        String basePath = contextPath + "/dashboard";
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + basePath);
        return new DashboardServer(server, monitor, basePath, base);
    }

    public Monitor monitor() {
        return monitor;
    }

    /** Context path + dashboard path, e.g. {@code /shop/dashboard}. */
    public String basePath() {
        return basePath;
    }

    /** Full URL of the dashboard, without trailing slash. */
    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** The level the store holds for an endpoint (what a restart would restore), or -1 when none. */
    public int storedLevel(String name) {
        return monitor.store().loadEndpoints().stream().filter(e -> e.name().equals(name))
                .mapToInt(StoredEndpoint::level).findFirst().orElse(-1);
    }

    /** Declares as the filter does at startup, and returns once the writer has stored the declaration. */
    public Endpoint declare(String name, String handler) {
        Endpoint e = monitor.declare(name, handler);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (storedLevel(name) == -1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer did not store the declaration of " + name);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        return e;
    }

    /** Records a request through the real pipeline, as the filter would. */
    public void record(String endpoint, String method, int status, double millis, Instant start) {
        if (!monitor.record(request(endpoint, method, status, millis, start))) {
            throw new AssertionError("pipeline refused a record");
        }
    }

    /** A request of a test's history with who made it, for {@link #recordVersion}. */
    public record Hit(String endpoint, int status, double millis, Instant start, String user, String clientIp) {
    }

    /**
     * Stores requests as another deployment of the application wrote them: its version registered as
     * first started at {@code firstSeen} (what {@link Monitor#start} does for {@link #VERSION}), then the
     * requests written by the store's batch writer with that version, as the writer thread would. Returns
     * once they are stored. The endpoints must be declared.
     */
    public void recordVersion(String version, Instant firstSeen, List<Hit> hits) {
        monitor.store().saveVersion(new VersionInfo(version, null, List.of(), null, VersionInfo.Source.CONFIGURED),
                firstSeen);
        List<RequestRecord> records = hits.stream().map(h -> new RequestRecord(monitor.endpoints().lookup(h.endpoint()),
                ChronoUnit.MICROS.between(Instant.EPOCH, h.start()), (long) (h.millis() * 1_000_000), "GET",
                h.status(), h.user(), h.clientIp())).toList();
        record(version, records);
    }

    /**
     * Stores requests as an instance running {@code version} would have recorded them (this monitor's
     * pipeline always writes its own {@link #VERSION}): history of several releases. Written straight
     * into the store in one batch, so they are readable when this returns.
     */
    public void record(String version, List<RequestRecord> requests) {
        monitor.store().writeBatch(requests, new Origin(version, monitor.config().serviceName(),
                monitor.config().instanceName()));
        // The user rollups follow a few seconds behind the writer; a page the test opens next reads them.
        if (monitor.store() instanceof dev.monitordash.core.store.JdbcStore jdbc) {
            jdbc.catchUp();
        }
    }

    /** A request as the filter would measure it, by user "alice" from 127.0.0.1. */
    public RequestRecord request(String endpoint, String method, int status, double millis, Instant start) {
        Endpoint e = monitor.endpoints().lookup(endpoint);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        return new RequestRecord(e, micros, (long) (millis * 1_000_000), method, status, "alice", "127.0.0.1");
    }

    /**
     * Overwrites every hourly and daily rollup sketch of the endpoint in the SQLite file with bytes no
     * MonitorDash wrote (a disk error, a bad restore); returns how many rows. Its counts stay intact.
     */
    public int garbleSketchesOf(String endpoint) throws SQLException {
        int rows = 0;
        try (Connection c = DriverManager.getConnection(monitor.config().databaseUrl());
             Statement s = c.createStatement()) {
            for (String table : List.of("rollup_hour", "rollup_day")) {
                rows += s.executeUpdate("UPDATE " + table + " SET sketch = X'00010203' WHERE endpoint_id = "
                        + "(SELECT id FROM endpoint WHERE name = '" + endpoint.replace("'", "''") + "')");
            }
        }
        if (rows == 0) {
            throw new AssertionError("no rollup row of " + endpoint + " to garble");
        }
        return rows;
    }

    /** Waits (polling, generous deadline) until the writer has stored {@code n} records in total. */
    public void awaitWritten(long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (monitor.stats().written() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + monitor.stats().written() + " of " + n + " records written");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            monitor.close();
        }
    }
}

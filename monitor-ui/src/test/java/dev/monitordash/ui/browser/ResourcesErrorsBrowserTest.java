package dev.monitordash.ui.browser;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Resources and Errors pages, and the CPU chart of the endpoint page, in headless Chromium over a real
 * SQLite file: resource history written through the store as this instance's sampling thread writes it
 * (plus the thread's own live samples), errors from real exceptions through the recording pipeline. Charts
 * and tables show what was stored, a hostile exception message stays text, phones get no page overflow.
 */
class ResourcesErrorsBrowserTest {

    static final String ORDERS = "/orders/{id}";
    static final String CHECKOUT = "/checkout";
    static final String XSS = "<img src=x onerror=\"window.__xssError=1\">";
    /** Three hours ago, the host was busy: a 95 % peak in the 24-hour view. */
    static final double PEAK = 95;

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", ResourcesErrorsBrowserTest::record);

    private static Instant now;

    private static void record(DashboardServer server) throws Exception {
        Monitor m = server.monitor();
        now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Origin self = new Origin(DashboardServer.VERSION.name(), "shop", "test-1");
        List<ResourceSample> day = new ArrayList<>();
        for (int minute = 24 * 60; minute > 1; minute--) {
            Instant at = now.minus(Duration.ofMinutes(minute));
            double cpu = minute >= 180 && minute < 190 ? PEAK : 20 + 10 * Math.sin(minute / 60.0);
            day.add(sample(at, cpu, cpu / 4, 600e6 + 100e6 * Math.sin(minute / 30.0)));
        }
        m.store().resources().write(day, self);
        m.store().resources().write(List.of(sample(now.minus(Duration.ofMinutes(30)), 5, 1, 100e6)),
                new Origin("1.4.1", "shop", "test-2"));

        server.declare(ORDERS, "OrderServlet");
        server.declare(CHECKOUT, "CheckoutServlet");
        Endpoint orders = m.endpoints().lookup(ORDERS);
        Endpoint checkout = m.endpoints().lookup(CHECKOUT);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now.minus(Duration.ofMinutes(5)));
        List<RequestRecord> failures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            failures.add(failed(i % 3 == 0 ? checkout : orders, micros + i, thrown("find", "order " + i + " not found")));
        }
        RuntimeException wrapped = new IllegalStateException("payment failed, token=tok_live_123",
                new java.net.ConnectException("connection refused: payments:443"));
        wrapped.setStackTrace(frames("pay"));
        for (int i = 0; i < 3; i++) {
            failures.add(failed(checkout, micros + 100 + i, wrapped));
        }
        failures.add(failed(orders, micros + 200, thrown("render", XSS)));
        for (RequestRecord r : failures) {
            if (!m.record(r)) {
                throw new AssertionError("pipeline refused a record");
            }
        }
        server.awaitWritten(failures.size());
        // The same cause two days earlier in the version before.
        server.record("1.4.1", List.of(failed(orders, ChronoUnit.MICROS.between(Instant.EPOCH,
                now.minus(Duration.ofDays(2))), thrown("find", "order 7 not found"))));
    }

    static ResourceSample sample(Instant at, double hostCpu, double processCpu, double heap) {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_CPU.ordinal()] = hostCpu;
        v[ResourceMetric.PROCESS_CPU.ordinal()] = processCpu;
        v[ResourceMetric.HOST_LOAD_1.ordinal()] = hostCpu / 25;
        v[ResourceMetric.HOST_MEMORY_TOTAL.ordinal()] = 16e9;
        v[ResourceMetric.HOST_MEMORY_USED.ordinal()] = 9e9;
        v[ResourceMetric.HEAP_USED.ordinal()] = heap;
        v[ResourceMetric.HEAP_MAX.ordinal()] = 1e9;
        v[ResourceMetric.THREADS_LIVE.ordinal()] = 42;
        v[ResourceMetric.THREADS_DAEMON.ordinal()] = 30;
        v[ResourceMetric.GC_TIME.ordinal()] = 0.5;
        return new ResourceSample(at, v, new double[] {hostCpu, hostCpu / 2});
    }

    static StackTraceElement[] frames(String method) {
        return new StackTraceElement[] {new StackTraceElement("shop.Orders", method, "Orders.java", 40),
                new StackTraceElement("shop.OrderServlet", "doGet", "OrderServlet.java", 12),
                new StackTraceElement("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 500),
                new StackTraceElement("org.eclipse.jetty.ee10.servlet.ServletHolder", "handle", "ServletHolder.java", 800)};
    }

    static RuntimeException thrown(String method, String message) {
        RuntimeException e = new IllegalArgumentException(message);
        e.setStackTrace(frames(method));
        return e;
    }

    static RequestRecord failed(Endpoint e, long micros, Throwable error) {
        return new RequestRecord(e, micros, 3_000_000, "GET", 500, "ann", "10.0.0.1", null, null, error);
    }

    @BeforeEach
    void logIn() {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
    }

    private static double maxOf(List<Object> points) {
        return points.stream().map(p -> ((Map<?, ?>) p).get("y")).filter(y -> y != null)
                .mapToDouble(y -> ((Number) y).doubleValue()).max().orElse(Double.NaN);
    }

    private static List<Object> between(List<Object> points, long from, long to) {
        return points.stream().filter(p -> {
            long x = ((Number) ((Map<?, ?>) p).get("x")).longValue();
            return x >= from && x < to;
        }).toList();
    }

    @Test
    void resourcesPageShowsThisInstancesDayAndSwitchesInstances() throws Exception {
        BrowserSession b = ui.browser();
        b.open("resources?range=24h");
        for (String section : List.of("section-cpu", "section-memory", "section-jvm", "section-disk")) {
            b.awaitReady(section);
        }
        assertEquals(List.of("Host", "Host, highest", "This JVM", "This JVM, highest"), b.datasetLabels("cpu-chart"));
        // The busy ten minutes three hours ago (the live samples of this machine come after them).
        long busyFrom = now.minus(Duration.ofMinutes(190)).toEpochMilli();
        long busyTo = now.minus(Duration.ofMinutes(180)).toEpochMilli();
        assertEquals(PEAK, maxOf(between(b.chartData("cpu-chart", 1), busyFrom, busyTo)), 0.01);
        assertEquals(PEAK, maxOf(between(b.chartData("cpu-chart", 0), busyFrom + 120_000, busyTo - 120_000)), 0.01,
                "2-minute means within the busy stretch");
        assertTrue(maxOf(between(b.chartData("cpu-chart", 0), busyTo + 120_000, busyTo + 3_600_000)) < 35,
                "and the quiet hour after it");
        assertEquals(List.of("Core 0", "Core 1"), b.datasetLabels("cores-chart").subList(0, 2));
        assertEquals(42, maxOf(between(b.chartData("threads-chart", 0), busyFrom, busyTo)), 0.01,
                "the stored history's threads (this JVM's own live samples come later)");
        assertTrue(b.driver().findElement(By.id("resources-note")).getText().startsWith("shop · test-1: one point per 2 minutes"),
                b.driver().findElement(By.id("resources-note")).getText());
        b.screenshot("resources");

        Select instance = new Select(b.driver().findElement(By.id("filter-instance")));
        assertEquals(2, instance.getOptions().size());
        instance.selectByValue("test-2");
        b.await().until(d -> maxOf(b.chartData("cpu-chart", 0)) == 5.0);
        assertTrue(b.driver().getCurrentUrl().contains("instance=test-2"));

        new Select(b.driver().findElement(By.id("filter-range"))).selectByValue("7d");
        b.await().until(ExpectedConditions.urlContains("range=7d"));
        b.awaitReady("section-cpu");
        b.await().until(d -> b.driver().findElement(By.id("resources-note")).getText().contains("15 minutes"));
    }

    @Test
    void errorsPageListsCausesWithSparklinesAndShowsOneWithItsStack() throws Exception {
        BrowserSession b = ui.browser();
        b.open("errors");
        b.awaitReady("section-errors");
        List<WebElement> rows = b.rows("errors-table", 3);
        List<String> first = BrowserSession.cells(rows.get(0));
        assertTrue(first.get(0).startsWith("IllegalArgumentException"), first.toString());
        assertTrue(first.get(0).contains("order 0 not found"), first.toString());
        assertTrue(first.get(0).contains("at shop.Orders.find"), first.toString());
        assertEquals("13", first.get(1), "12 now and 1 two days ago");
        assertEquals("1.4.1, " + DashboardServer.VERSION.name(), first.get(5));
        assertEquals(30, rows.get(0).findElements(By.cssSelector("svg.sparkline rect")).size());
        assertEquals(2, rows.get(0).findElements(By.cssSelector("svg.sparkline rect.spark-bar")).size());
        String payment = BrowserSession.cells(rows.get(1)).get(0);
        assertTrue(payment.contains("caused by ConnectException") && payment.contains("token=\u2022\u2022\u2022"), payment);
        assertTrue(rows.stream().anyMatch(r -> r.getText().contains(XSS)), "the hostile message is shown as text");
        assertNull(b.js("return window.__xssError"), "and never runs");
        b.screenshot("errors");

        rows.get(0).findElement(By.cssSelector("a[data-group]")).click();
        b.await().until(ExpectedConditions.urlContains("group="));
        b.awaitReady("section-error");
        assertEquals("java.lang.IllegalArgumentException", b.driver().findElement(By.id("error-title")).getText());
        assertEquals(2, b.rows("error-versions", 2).size());
        assertEquals(2, b.rows("error-endpoints", 2).size());
        String stack = b.driver().findElement(By.id("error-stack")).getText();
        assertTrue(stack.contains("shop.Orders.find(Orders.java:40)"), stack);
        b.js("document.getElementById('section-error').scrollIntoView()");
        b.screenshot("errors-detail");
    }

    @Test
    void endpointPageShowsTheHostsCpuBesideItsHourlyExecutionTimes() throws Exception {
        BrowserSession b = ui.browser();
        b.open("endpoint?endpoint=" + URLEncoder.encode(ORDERS, StandardCharsets.UTF_8));
        b.awaitReady("section-hourly");
        assertEquals(List.of("Host CPU", "This JVM's CPU"), b.datasetLabels("hourly-cpu-chart"));
        assertEquals(b.chartLabels("hourly-times-chart"), b.chartLabels("hourly-cpu-chart"), "the same hours");
        List<Object> host = b.chartData("hourly-cpu-chart", 0);
        long hoursWithCpu = host.stream().filter(v -> v != null).count();
        assertTrue(hoursWithCpu >= 24 && hoursWithCpu <= 26, host.toString());
        b.js("document.getElementById('hourly-cpu-chart').scrollIntoView()");
        b.screenshot("endpoint-cpu");
    }

    @Test
    void bothPagesFitAPhone() throws Exception {
        BrowserSession b = ui.browser();
        b.phoneWidth();
        b.open("resources");
        b.awaitReady("section-cpu");
        b.awaitChart("cpu-chart");
        b.assertNoHorizontalOverflow();
        b.open("errors");
        b.awaitReady("section-errors");
        b.assertNoHorizontalOverflow();
        b.screenshot("errors-phone");
    }
}

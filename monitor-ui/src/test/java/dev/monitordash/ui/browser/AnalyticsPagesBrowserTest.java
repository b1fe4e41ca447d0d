package dev.monitordash.ui.browser;

import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application-wide analytics pages (traffic, performance, versions) in headless Chromium over a
 * history recorded through the real pipeline and store: each chart shows the recorded numbers (read
 * back through Chart.js), the range filter reloads and stays in the URL, a store without requests says
 * what to do, a store with a garbled sketch says the page is partial, phones get no page overflow, and the
 * console stays clean.
 */
class AnalyticsPagesBrowserTest {

    /** Busiest first: 40 + 12 requests, then /f11 … /f01 with 11 … 1, and /reports/slow with 5. */
    private static final List<String> FILLERS = List.of("/f01", "/f02", "/f03", "/f04", "/f05", "/f06", "/f07",
            "/f08", "/f09", "/f10", "/f11");
    private static final String ORDERS = "/orders/{id}";
    private static final String SEARCH = "/search";
    private static final String SLOW = "/reports/slow";

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", AnalyticsPagesBrowserTest::record);

    private static LocalDate yesterday;
    private static LocalDate twoDaysAgo;

    /**
     * Yesterday (dashboard zone): 30 × /orders/{id} at 10:xx, 12 × /search at 14:xx, /fNN NN times at 20:xx,
     * all version 1.4.2; two days ago: 10 × /orders/{id} of version 1.4.1 at 09:xx, 5 × /reports/slow at 16:xx.
     */
    private static void record(DashboardServer server) throws InterruptedException {
        ZonedDateTime today = ZonedDateTime.now(DashboardServer.ZONE).truncatedTo(ChronoUnit.DAYS);
        yesterday = today.minusDays(1).toLocalDate();
        twoDaysAgo = today.minusDays(2).toLocalDate();
        for (String name : List.of(ORDERS, SEARCH, SLOW)) {
            server.declare(name, "Servlet");
        }
        FILLERS.forEach(f -> server.declare(f, "FillerServlet"));
        int n = 0;
        for (int i = 0; i < 30; i++, n++) {
            server.record(ORDERS, "GET", 200, 10 + i % 5, at(today.minusDays(1), 10, i));
        }
        for (int i = 0; i < 12; i++, n++) {
            server.record(SEARCH, "GET", 200, 35 + i, at(today.minusDays(1), 14, i));
        }
        for (int k = 1; k <= FILLERS.size(); k++) {
            for (int i = 0; i < k; i++, n++) {
                server.record(FILLERS.get(k - 1), "GET", 200, 5, at(today.minusDays(1), 20, i));
            }
        }
        for (int i = 0; i < 5; i++, n++) {
            server.record(SLOW, "GET", 200, 2_400 + 100 * i, at(today.minusDays(2), 16, i));
        }
        server.awaitWritten(n);
        List<RequestRecord> older = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant t = at(today.minusDays(2), 9, i);
            older.add(new RequestRecord(server.monitor().endpoints().lookup(ORDERS),
                    ChronoUnit.MICROS.between(Instant.EPOCH, t), 20_000_000L, "GET", 200, "bob", "10.0.0.2"));
        }
        // Another version than the running one: straight into the store, as an older deployment wrote it.
        server.monitor().store().writeBatch(older, new Origin("1.4.1", "shop", "test-1"));
    }

    private static Instant at(ZonedDateTime day, int hour, int minute) {
        return day.plusHours(hour).plusMinutes(minute).toInstant();
    }

    @BeforeEach
    void logIn() {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
    }

    @Test
    void trafficShowsTheHourlyLoadAndTheDailyHitsOfTheBusiestEndpoints() throws Exception {
        ui.browser().driver().findElement(By.linkText("Traffic")).click();
        ui.browser().awaitReady("load-section");
        ui.browser().awaitReady("daily-section");

        assertEquals("matrix", ui.browser().chartType("load-chart"));
        List<String> days = ui.browser().chartLabels("load-chart");
        assertEquals(30, days.size(), "the last 30 days by default");
        assertEquals(yesterday.toString(), days.get(28));
        assertEquals(24, scaleLabels("load-chart", "y").size());
        Map<String, Long> load = cells("load-chart");
        assertEquals(30 * 24, load.size());
        assertEquals(30L, load.get(yesterday + "|10"));
        assertEquals(12L, load.get(yesterday + "|14"));
        assertEquals(66L, load.get(yesterday + "|20"));
        assertEquals(10L, load.get(twoDaysAgo + "|09"), "the older version's requests count too");
        assertEquals(5L, load.get(twoDaysAgo + "|16"));
        assertEquals(123L, load.values().stream().mapToLong(Long::longValue).sum(), "nothing else anywhere");
        assertEquals("Requests per hour 0 66", ui.browser().driver().findElement(By.id("load-legend")).getText()
                .replaceAll("\\s+", " "), "the legend runs up to the busiest hour");

        assertEquals("bar", ui.browser().chartType("daily-chart"));
        assertEquals(days, ui.browser().chartLabels("daily-chart"));
        List<String> series = ui.browser().datasetLabels("daily-chart");
        assertEquals(List.of(ORDERS, SEARCH, "/f11", "/f10", "/f09", "/f08", "/f07", "/f06", "/f05", SLOW,
                "4 other endpoints"), series, "the 10 busiest, ties by name, then the rest added up");
        assertEquals(40L, dayTotal("daily-chart", 0, days.indexOf(yesterday.toString()))
                + dayTotal("daily-chart", 0, days.indexOf(twoDaysAgo.toString())));
        assertEquals(10L, dayTotal("daily-chart", 10, days.indexOf(yesterday.toString())), "/f04 … /f01: 4+3+2+1");
        assertEquals("The 10 busiest of 14 endpoints; the other 4 are added up in grey.",
                ui.browser().driver().findElement(By.id("daily-note")).getText());
        assertEquals(List.of(yesterday + ", 10:00–10:59", "30 requests"), tooltip("load-chart",
                "c => c.x === '" + yesterday + "' && c.y === '10'"));
        ui.browser().assertNoHorizontalOverflow();
        ui.browser().screenshot("traffic");
        ui.browser().js("document.getElementById('daily-section').scrollIntoView()");
        ui.browser().screenshot("traffic-daily");
    }

    @Test
    void theRangeFilterReloadsTheChartsAndStaysInTheUrl() throws Exception {
        ui.browser().open("traffic");
        ui.browser().awaitReady("load-section");
        ui.browser().js("""
                window.__states = [];
                const section = document.getElementById('load-section');
                new MutationObserver(() => window.__states.push(section.dataset.state))
                  .observe(section, { attributes: true, attributeFilter: ['data-state'] });
                """);
        new Select(ui.browser().driver().findElement(By.id("filter-range"))).selectByValue("7");

        ui.browser().await().until(d -> scaleLabels("load-chart", "x").size() == 7);
        assertEquals(List.of("loading", "ready"), ui.browser().js("return window.__states"), "loading while the query runs");
        ui.browser().awaitReady("daily-section");
        assertEquals(7, ui.browser().chartLabels("daily-chart").size());
        assertEquals(66L, cells("load-chart").get(yesterday + "|20"));
        assertTrue(ui.browser().driver().getCurrentUrl().endsWith("/traffic?days=7"), ui.browser().driver().getCurrentUrl());

        ui.browser().driver().navigate().refresh();
        ui.browser().awaitReady("load-section");
        assertEquals(7, scaleLabels("load-chart", "x").size(), "the range comes back from the URL");

        new Select(ui.browser().driver().findElement(By.id("filter-range"))).selectByValue("1");
        assertEquals("empty", ui.browser().awaitSection("load-section"), "nothing recorded today");
        assertEquals("empty", ui.browser().awaitSection("daily-section"));
    }

    @Test
    void performanceShowsOneBoxPerEndpointLeadingToItsPage() throws Exception {
        ui.browser().driver().findElement(By.linkText("Performance")).click();
        ui.browser().awaitReady("performance-section");

        assertEquals("boxplot", ui.browser().chartType("performance-chart"));
        List<String> labels = ui.browser().chartLabels("performance-chart");
        List<String> expected = new ArrayList<>(FILLERS);
        expected.addAll(List.of(ORDERS, SLOW, SEARCH));
        assertEquals(expected, labels, "every endpoint with requests, by name");
        Map<String, Map<String, Object>> boxes = boxesByLabel("performance-chart");
        assertEquals(40L, boxes.get(ORDERS).get("count"));
        // From the rollups' sketch: within 1 % of the exact median (docs/dashboard.md).
        assertEquals(2600.0, ((Number) boxes.get(SLOW).get("median")).doubleValue(), 26.0);
        assertEquals(12L, boxes.get(SEARCH).get("count"));
        assertEquals("Quartiles, whiskers and outlier points within 1 % (from sketches); counts, min and max exact.",
                ui.browser().driver().findElement(By.id("performance-accuracy")).getText(), "the boxes come from sketches");
        assertEquals("logarithmic", ui.browser().js("return Chart.getChart(document.getElementById('performance-chart'))"
                + ".scales.x.type"), "5 ms next to 2.8 s: a log axis");
        assertEquals(labels.size(), ui.browser().rows("performance-table", labels.size()).size());
        assertTrue(ui.browser().driver().findElements(By.cssSelector("#partial-notice, .section-partial")).isEmpty(),
                "every stored figure was read: no partial notice");
        WebElement link = ui.browser().driver().findElement(By.cssSelector("#performance-table tr[data-endpoint='/orders/{id}'] a"));
        assertEquals("endpoint?endpoint=%2Forders%2F%7Bid%7D", link.getAttribute("href").replaceAll("^.*/", ""));
        ui.browser().screenshot("performance");
        ui.browser().js("document.getElementById('performance-table').scrollIntoView()");
        ui.browser().screenshot("performance-table");

        clickOnCategoryLabel("performance-chart", labels.indexOf(SEARCH));
        ui.browser().await().until(ExpectedConditions.urlToBe(ui.server().base() + "/endpoint?endpoint=%2Fsearch"));
    }

    @Test
    void versionsShowsEachVersionsShareOfEachEndpoint() throws Exception {
        ui.browser().driver().findElement(By.linkText("Versions")).click();
        ui.browser().awaitReady("versions-section");

        assertEquals("matrix", ui.browser().chartType("versions-chart"));
        assertEquals(List.of("1.4.1", "1.4.2"), ui.browser().chartLabels("versions-chart"), "oldest version first");
        List<String> endpoints = scaleLabels("versions-chart", "y");
        assertEquals(14, endpoints.size());
        assertEquals(ORDERS, endpoints.get(11), "sorted by name");
        Map<String, Object> older = cell("versions-chart", "1.4.1", ORDERS);
        assertEquals(0.25, ((Number) older.get("v")).doubleValue(), 1e-9);
        assertEquals(10L, older.get("requests"));
        assertEquals(0.75, ((Number) cell("versions-chart", "1.4.2", ORDERS).get("v")).doubleValue(), 1e-9);
        assertEquals(1.0, ((Number) cell("versions-chart", "1.4.2", SLOW).get("v")).doubleValue(), 1e-9);
        assertEquals(15L, ui.browser().js("return Chart.getChart(document.getElementById('versions-chart')).data.datasets[0].data.length"));

        List<String> tooltip = tooltip("versions-chart", "c => c.x === '1.4.1'");
        assertEquals(List.of("/orders/{id} · version 1.4.1", "25% of its requests (10)"), tooltip);
        ui.browser().screenshot("versions");

        clickOnCategoryLabel("versions-chart", endpoints.indexOf(ORDERS));
        ui.browser().await().until(ExpectedConditions.urlToBe(ui.server().base() + "/endpoint?endpoint=%2Forders%2F%7Bid%7D"));
    }

    @Test
    void versionsTableGivesEachEndpointALinkAndItsSharesAsText() throws Exception {
        ui.browser().open("versions");
        ui.browser().awaitReady("versions-section");
        List<String> heads = ui.browser().driver().findElements(By.cssSelector("#versions-table thead th")).stream()
                .map(th -> th.getAttribute("textContent").trim()).toList(); // as written, not as CSS capitalises it
        assertEquals(List.of("Endpoint", "Requests", "1.4.1", "1.4.2"), heads, "a column per version, oldest first");
        Map<String, WebElement> rows = ui.browser().rowsBy("versions-table", 14, "endpoint");
        assertEquals(List.of(ORDERS, "40", "25% (10)", "75% (30)"), BrowserSession.cells(rows.get(ORDERS)));
        assertEquals(List.of(SLOW, "5", "–", "100% (5)"), BrowserSession.cells(rows.get(SLOW)),
                "a version that served none of the endpoint's requests");
        assertEquals(List.of(SEARCH, "12", "–", "100% (12)"), BrowserSession.cells(rows.get(SEARCH)));

        // Sorting by the older version's share puts the endpoint still on it first.
        ui.browser().driver().findElement(By.xpath("//div[@id='versions-table']//th/button[.='1.4.1']")).click();
        assertEquals(ORDERS, ui.browser().driver().findElement(By.cssSelector("#versions-table tbody tr"))
                .getAttribute("data-endpoint"));
        ui.browser().js("document.getElementById('versions-table').scrollIntoView()");
        ui.browser().screenshot("versions-table");

        // The keyboard reaches the endpoint's page: the link takes focus and Enter follows it.
        WebElement link = ui.browser().driver().findElement(By.cssSelector("#versions-table tr[data-endpoint='" + SLOW + "'] a"));
        ui.browser().js("arguments[0].focus()", link);
        assertEquals(link, ui.browser().driver().switchTo().activeElement());
        link.sendKeys(Keys.ENTER);
        ui.browser().await().until(ExpectedConditions.urlToBe(ui.server().base() + "/endpoint?endpoint=%2Freports%2Fslow"));
    }

    @Test
    void anEmptyStoreExplainsHowToGetData() throws Exception {
        try (DashboardServer empty = DashboardServer.start(ui.dataDir(), "")) {
            ui.browser().useDashboard(empty.base());
            ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
            for (Map.Entry<String, List<String>> page : Map.of("traffic", List.of("load-section", "daily-section"),
                    "performance", List.of("performance-section"), "versions", List.of("versions-section")).entrySet()) {
                ui.browser().open(page.getKey());
                for (String section : page.getValue()) {
                    assertEquals("empty", ui.browser().awaitSection(section), page.getKey() + " #" + section);
                    String note = ui.browser().driver().findElement(By.cssSelector("#" + section + " .section-note")).getText();
                    assertTrue(note.startsWith("No requests in this range.") && note.contains("monitoring level"), note);
                }
                ui.browser().screenshot(page.getKey() + "-empty");
            }
        } finally {
            ui.browser().useDashboard(ui.server().base());
        }
    }

    @Test
    void aGarbledSketchIsLeftOutAndThePageSaysItsFiguresArePartial() throws Exception {
        try (DashboardServer garbled = DashboardServer.start(ui.dataDir(), "")) {
            ZonedDateTime yesterday = ZonedDateTime.now(DashboardServer.ZONE).truncatedTo(ChronoUnit.DAYS).minusDays(1);
            garbled.declare(ORDERS, "Servlet");
            garbled.declare(SEARCH, "Servlet");
            for (int i = 0; i < 5; i++) {
                garbled.record(ORDERS, "GET", 200, 10 + i, at(yesterday, 10, i));
                garbled.record(SEARCH, "GET", 200, 40 + i, at(yesterday, 14, i));
            }
            garbled.awaitWritten(10);
            garbled.garbleSketchesOf(SEARCH);
            ui.browser().useDashboard(garbled.base());
            ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");

            ui.browser().open("performance");
            ui.browser().awaitReady("performance-section");
            assertEquals(List.of(ORDERS), ui.browser().chartLabels("performance-chart"), "no box without a sketch");
            WebElement chartNote = ui.browser().driver().findElement(By.cssSelector("#performance-section > .section-partial"));
            assertTrue(chartNote.isDisplayed());
            assertEquals("Some stored figures could not be read and are left out: this chart is partial.",
                    chartNote.getText());
            WebElement notice = ui.browser().driver().findElement(By.id("partial-notice"));
            assertTrue(notice.isDisplayed());
            assertTrue(notice.getText().startsWith("Some stored figures could not be read and are left out: "
                    + "the figures on this page are partial"), notice.getText());
            ui.browser().screenshot("performance-partial");

            ui.browser().open("traffic"); // counts only: every figure read
            ui.browser().awaitReady("load-section");
            ui.browser().awaitReady("daily-section");
            assertTrue(ui.browser().driver().findElements(By.cssSelector("#partial-notice, .section-partial")).stream()
                    .noneMatch(WebElement::isDisplayed), "traffic reads no sketch");
        } finally {
            ui.browser().useDashboard(ui.server().base());
        }
    }

    @Test
    void pagesFitAPhone() throws Exception {
        ui.browser().phoneWidth();
        for (String page : List.of("traffic", "performance", "versions")) {
            ui.browser().open(page);
            String canvas = page.equals("traffic") ? "load-chart" : page + "-chart";
            ui.browser().awaitChart(canvas);
            ui.browser().assertNoHorizontalOverflow();
            long width = ((Number) ui.browser().js("return document.getElementById(arguments[0]).getBoundingClientRect().width",
                    canvas)).longValue();
            assertTrue(width > 250, page + ": chart " + width + " px wide");
            ui.browser().screenshot(page + "-phone");
        }
    }

    // --- reading charts -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<String> scaleLabels(String canvasId, String axis) {
        ui.browser().awaitChart(canvasId);
        return ((List<Object>) ui.browser().js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".scales[arguments[1]].getLabels()", canvasId, axis)).stream().map(String::valueOf).toList();
    }

    /** The tooltip's title and body lines for the first data item matching a JS predicate. */
    @SuppressWarnings("unchecked")
    private static List<String> tooltip(String canvasId, String predicate) {
        ui.browser().awaitChart(canvasId);
        return (List<String>) ui.browser().js("""
                const chart = Chart.getChart(document.getElementById(arguments[0]));
                const index = chart.data.datasets[0].data.findIndex(%s);
                chart.tooltip.setActiveElements([{ datasetIndex: 0, index }], { x: 0, y: 0 });
                chart.update();
                return [...chart.tooltip.title, ...chart.tooltip.body.flatMap((b) => b.lines)];
                """.formatted(predicate), canvasId);
    }

    /** Matrix cells as "x|y" → value. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> cells(String canvasId) {
        Map<String, Long> cells = new java.util.HashMap<>();
        for (Object o : ui.browser().chartData(canvasId, 0)) {
            Map<String, Object> c = (Map<String, Object>) o;
            cells.put(c.get("x") + "|" + c.get("y"), ((Number) c.get("v")).longValue());
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cell(String canvasId, String x, String y) {
        return ui.browser().chartData(canvasId, 0).stream().map(o -> (Map<String, Object>) o)
                .filter(c -> x.equals(c.get("x")) && y.equals(c.get("y"))).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + x + " / " + y));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> boxesByLabel(String canvasId) {
        Map<String, Map<String, Object>> boxes = new java.util.HashMap<>();
        for (Object o : ui.browser().chartData(canvasId, 0)) {
            Map<String, Object> box = (Map<String, Object>) o;
            boxes.put((String) box.get("label"), box);
        }
        return boxes;
    }

    private static long dayTotal(String canvasId, int dataset, int day) {
        return ((Number) ui.browser().chartData(canvasId, dataset).get(day)).longValue();
    }

    /** A real mouse click on the name of a category of the y axis, left of the plot area. */
    private static void clickOnCategoryLabel(String canvasId, int index) {
        WebElement canvas = ui.browser().driver().findElement(By.id(canvasId));
        ui.browser().js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        Map<?, ?> p = (Map<?, ?>) ui.browser().js("""
                const chart = Chart.getChart(arguments[0]);
                const rect = arguments[0].getBoundingClientRect();
                return { x: Math.round(chart.chartArea.left / 2 - rect.width / 2),
                         y: Math.round(chart.scales.y.getPixelForValue(arguments[1]) - rect.height / 2) };
                """, canvas, index);
        new Actions(ui.browser().driver()).moveToElement(canvas, ((Number) p.get("x")).intValue(),
                ((Number) p.get("y")).intValue()).click().perform();
    }
}

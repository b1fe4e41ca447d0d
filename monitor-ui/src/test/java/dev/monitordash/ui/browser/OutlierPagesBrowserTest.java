package dev.monitordash.ui.browser;

import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.RealCaptures;
import dev.monitordash.ui.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outliers and profile pages in headless Chromium over outliers the monitor's own watchdog caught and
 * profiles its own sampler took (real captures in a real SQLite file): list, detail sections, CPU chart,
 * call tree and flame graph render what the API holds; an XSS payload in a header and in the user name
 * stays text; the console stays clean at desktop and phone width.
 */
class OutlierPagesBrowserTest {

    static final String ENDPOINT = "/reports/{id}";
    static final String XSS_HEADER = "<img src=x onerror=\"window.__xssHeader=1\">";
    static final String XSS_USER = "<script>window.__xssUser=1</script><img src=x onerror=\"window.__xssUser=2\">";

    @TempDir
    static Path profileDir;
    @TempDir
    static Path data;

    private static boolean available;
    private static DashboardServer server;
    private static BrowserSession browser;
    private static long plain;
    private static long hostile;

    @BeforeAll
    static void start() throws Exception {
        available = Browser.chromiumAvailable();
        if (!available) {
            return;
        }
        server = DashboardServer.start(data, "/shop");
        server.declare(ENDPOINT, "ReportServlet");
        RealCaptures captures = new RealCaptures(server);
        captures.learnThreshold(ENDPOINT, 10, 20);
        plain = captures.outlier(ENDPOINT, "ann", List.of(new NameValue("Accept", "text/html")), 250);
        hostile = captures.outlier(ENDPOINT, XSS_USER, List.of(new NameValue("X-Evil", XSS_HEADER)), 250);
        captures.profiled(ENDPOINT, 250);
        captures.profiled(ENDPOINT, 250);
        browser = BrowserSession.start(profileDir, server.base());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void logIn() {
        Browser.assumeChromium(available);
        browser.reset();
        browser.logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
    }

    private static String endpointQuery() {
        return "endpoint=" + URLEncoder.encode(ENDPOINT, StandardCharsets.UTF_8);
    }

    @Test
    void outliersListAndDetailShowTheCapture() throws Exception {
        browser.open("outliers?" + endpointQuery() + "&id=" + plain);
        browser.awaitReady("outliers-list");
        Map<String, WebElement> rows = browser.rowsBy("outliers-table", 2, "outlier");
        List<String> plainRow = BrowserSession.cells(rows.get(String.valueOf(plain)));
        assertEquals("ann", plainRow.get(3), plainRow::toString);
        assertEquals(DashboardServer.VERSION.name(), plainRow.get(4));
        assertEquals("200", plainRow.get(5));
        assertTrue(rows.get(String.valueOf(plain)).getAttribute("class").contains("selected"));
        browser.driver().findElement(By.xpath("//div[@id='outliers-table']//th/button[.='User']")).click();
        assertTrue(browser.driver().findElement(By.cssSelector("#outliers-table tr[data-outlier='" + plain + "']"))
                .getAttribute("class").contains("selected"), "still marked after sorting");

        browser.awaitReady("outliers-cpu-boxes");
        int cores = browser.driver().findElements(By.cssSelector("#outliers-cpu-table tbody tr")).size();
        assertTrue(cores >= Runtime.getRuntime().availableProcessors(), "one box row per core: " + cores);
        assertEquals("boxplot", browser.chartType("outliers-cpu-boxplot"));
        List<String> boxLabels = browser.chartLabels("outliers-cpu-boxplot");
        assertEquals(cores, boxLabels.size());
        assertEquals("CPU 0", boxLabels.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> box0 = (Map<String, Object>) browser.chartData("outliers-cpu-boxplot", 0).get(0);
        assertEquals(2L, ((Number) box0.get("count")).longValue(), "a box over both outliers, as the API sent it");
        assertTrue(((Number) box0.get("median")).doubleValue() >= 0 && ((Number) box0.get("max")).doubleValue() <= 100);
        browser.screenshot("outliers-list");

        browser.awaitReady("outlier-stack");
        WebElement appFrame = browser.driver().findElement(By.cssSelector("#outlier-stack-body li.frame-app"));
        assertTrue(appFrame.getText().contains("example.shop.Reports.render"), appFrame.getText());
        assertTrue(browser.driver().findElements(By.cssSelector("#outlier-stack-body li.frame-framework")).stream()
                .anyMatch(li -> li.getText().contains("java.lang.Thread.sleep")), "JDK frames are framework frames");

        browser.awaitReady("outlier-threads");
        List<WebElement> groups = browser.driver().findElements(By.cssSelector("#outlier-threads-body details.thread-group"));
        List<String> states = groups.stream().map(g -> g.getAttribute("data-state")).toList();
        assertTrue(states.contains("TIMED_WAITING") && states.contains("RUNNABLE"), states.toString());
        assertEquals(states.size(), states.stream().distinct().count(), "one group per state");
        WebElement requestThread = browser.driver().findElement(By.cssSelector("details.thread-group[data-state=TIMED_WAITING] details.thread-request"));
        assertTrue(requestThread.getText().contains("Reports.render"), "the request thread, open, in its state's group");

        List<String> labels = browser.chartLabels("outlier-cpu-chart");
        assertEquals(cores, labels.size());
        assertEquals("CPU 0", labels.get(0));
        List<Object> loads = browser.chartData("outlier-cpu-chart", 0);
        assertEquals(cores, loads.size());
        loads.forEach(v -> assertTrue(((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() <= 100, "load " + v));

        browser.awaitReady("outlier-memory");
        String memory = browser.driver().findElement(By.id("outlier-memory-body")).getText();
        assertTrue(memory.contains("Heap") && memory.contains("MiB") && memory.contains("Threads"), memory);
        browser.js("document.getElementById('outlier-title').scrollIntoView()");
        browser.screenshot("outlier-detail");
        browser.js("document.getElementById('outlier-stack').scrollIntoView()");
        browser.screenshot("outlier-detail-stack");
        browser.assertNoConsoleErrors();

        browser.phoneWidth();
        browser.open("outliers?" + endpointQuery() + "&id=" + plain);
        browser.awaitReady("outlier-memory");
        browser.assertNoHorizontalOverflow();
        browser.assertNoConsoleErrors();
    }

    @Test
    void requestTextFromAHostileClientStaysText() {
        browser.open("outliers?" + endpointQuery() + "&id=" + hostile);
        browser.awaitReady("outlier-request");
        WebElement header = browser.driver().findElement(By.xpath(
                "//table[@data-fields='headers']//tr[td[1]='X-Evil']/td[2]"));
        assertEquals(XSS_HEADER, header.getText());
        WebElement user = browser.driver().findElement(By.xpath(
                "//div[@id='outlier-request-body']//tr[th='User']/td"));
        assertEquals(XSS_USER, user.getText());
        browser.rows("outliers-table", 2);
        assertTrue(browser.driver().findElement(By.id("outliers-table")).getText().contains(XSS_USER));
        assertNull(browser.js("return window.__xssHeader ?? window.__xssUser ?? null"));
        assertEquals(0L, browser.js("return document.querySelectorAll('main img, main script').length"));
        browser.assertNoConsoleErrors();
    }

    @Test
    void profileShowsTheCallTreeAndAFlameGraphThatZooms() throws Exception {
        browser.open("profile?" + endpointQuery());
        browser.awaitReady("profile-tree");
        // The hot path opens by itself down to the busy method, with its share of the samples.
        WebElement busy = browser.await().until(d -> d.findElement(By.cssSelector(
                "#profile-tree-body [data-frame='example.shop.Reports.compute'] > .tree-row")));
        String pct = busy.findElement(By.cssSelector(".tree-pct")).getText();
        assertTrue(Double.parseDouble(pct.replace("%", "").trim()) >= 80, pct);
        assertTrue(busy.findElement(By.cssSelector(".tree-frame")).getAttribute("class").contains("frame-app"));
        assertTrue(browser.driver().findElement(By.id("profile-summary")).getText().contains("last 2 profiled requests"));

        browser.awaitReady("profile-flame");
        By flameFrame = By.cssSelector("#profile-flame-body g[data-frame='example.shop.Reports.compute']");
        WebElement frame = browser.await().until(d -> d.findElement(flameFrame));
        double svgWidth = Double.parseDouble(browser.driver().findElement(By.cssSelector("#profile-flame-body svg")).getAttribute("width"));
        double frameWidth = Double.parseDouble(frame.findElement(By.tagName("rect")).getAttribute("width"));
        assertTrue(frameWidth >= 0.8 * svgWidth - 1, "≥ 80 % of the samples, as wide: " + frameWidth + " of " + svgWidth);
        new Actions(browser.driver()).moveToElement(frame).perform();
        browser.await().until(d -> d.findElement(By.cssSelector(".flame-tip")).getText().startsWith("example.shop.Reports.compute — "));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("profile");

        browser.driver().findElement(flameFrame).click();
        browser.await().until(d -> d.findElement(By.cssSelector(".flame-crumbs")).isDisplayed());
        String top = (String) browser.js("return document.querySelector('#profile-flame-body g').dataset.frame");
        assertEquals("example.shop.Reports.compute", top, "zoomed: the clicked frame is drawn at the top, full width");
        browser.driver().findElement(By.cssSelector(".flame-crumb")).click();
        browser.await().until(d -> "(all)".equals(browser.js("return document.querySelector('#profile-flame-body g').dataset.frame")));
        browser.assertNoConsoleErrors();

        browser.phoneWidth();
        browser.open("profile?" + endpointQuery());
        browser.awaitReady("profile-flame");
        browser.assertNoHorizontalOverflow();
        browser.assertNoConsoleErrors();
    }

    @Test
    void oneRequestsProfileIsChosenFromTheList() {
        browser.open("profile?" + endpointQuery());
        browser.awaitReady("profile-tree");
        browser.await().until(d -> d.findElements(By.cssSelector("#filter-id option")).size() == 3);
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("filter-id"))).selectByIndex(1);
        browser.await().until(d -> d.findElement(By.id("profile-summary")).getText().startsWith("One request"));
        assertTrue(browser.driver().getCurrentUrl().contains("id="), "the choice is kept in the URL");
        browser.driver().navigate().refresh();
        browser.awaitReady("profile-tree");
        browser.await().until(d -> d.findElement(By.id("profile-summary")).getText().startsWith("One request"));
        browser.assertNoConsoleErrors();
    }

    @Test
    void requestStackFoldsRunsOfFrameworkFramesIntoRowsThatOpen() {
        browser.open("outliers?" + endpointQuery() + "&id=" + plain);
        browser.awaitReady("outlier-stack");
        By lines = By.cssSelector("#outlier-stack-body ol.stack > li");
        By runs = By.cssSelector("#outlier-stack-body li.frame-run button");
        WebElement run = browser.await().until(d -> d.findElement(runs));
        int before = browser.driver().findElements(lines).size();
        // Between the test's Reports.render and JUnit: the test harness and JDK reflection frames.
        assertTrue(run.getText().matches("… \\d+ framework frames \\(show\\)"), run.getText());
        int frames = Integer.parseInt(run.getText().replaceAll("\\D+", " ").trim());
        assertEquals("false", run.getAttribute("aria-expanded"));
        assertTrue(browser.driver().findElement(By.cssSelector("#outlier-stack-body ol.stack > li")).getText()
                .contains("java.lang.Thread.sleep"), "the frames above the first application frame stay: what the thread is doing");

        run.click();
        assertEquals("true", run.getAttribute("aria-expanded"));
        assertEquals(before + frames, browser.driver().findElements(lines).size(), "the run's frames, right below its row");
        WebElement firstHidden = browser.driver().findElement(By.xpath(
                "//div[@id='outlier-stack-body']//li[contains(@class,'frame-run')]/following-sibling::li[1]"));
        assertTrue(firstHidden.getAttribute("class").contains("frame-framework"), firstHidden.getText());
        run.click();
        assertEquals(before, browser.driver().findElements(lines).size(), "folded again");
    }

    @Test
    @SuppressWarnings("unchecked")
    void foldingKeepsTheTopFramesAndFoldsOnlyLongFrameworkRuns() {
        browser.open("overview");
        String stack = "const s = ['java.lang.Thread.sleep', 'java.lang.Thread.sleep0', 'shop.Dao.find', 'java.lang.reflect.Method.invoke',"
                + " 'jdk.internal.reflect.X.invoke', '- locked <0x1> (a java.lang.Object)', 'java.util.Y.call', 'shop.Servlet.doGet',"
                + " 'jakarta.servlet.http.HttpServlet.service', 'org.eclipse.jetty.Z.handle', 'shop.Filter.run',"
                + " 'org.eclipse.jetty.A.run', 'org.eclipse.jetty.B.run', 'java.lang.Thread.run', '(truncated)'].join('\\n');";
        List<Object> folded = (List<Object>) browser.module("stack.js", stack
                + "return m.foldFramework(m.stackLines(s)).map(i => i.run ? i.frames + ' folded: ' + i.run.map(l => l.text).join(',') : i.line.text)");
        assertEquals(List.of("java.lang.Thread.sleep", "java.lang.Thread.sleep0", "shop.Dao.find",
                "3 folded: java.lang.reflect.Method.invoke,jdk.internal.reflect.X.invoke,- locked <0x1> (a java.lang.Object),java.util.Y.call",
                "shop.Servlet.doGet", "jakarta.servlet.http.HttpServlet.service", "org.eclipse.jetty.Z.handle", "shop.Filter.run",
                "3 folded: org.eclipse.jetty.A.run,org.eclipse.jetty.B.run,java.lang.Thread.run", "(truncated)"), folded,
                "top frames kept, a run of 2 kept, lock lines go with their run, (truncated) stays visible");
        assertEquals(2L, browser.module("stack.js", "return m.foldFramework(m.stackLines('java.a.b\\njava.c.d')).length"),
                "a stack without application frames is not folded");
    }

    /** The pure functions of stack.js and flame.js, run in the browser as the pages run them. */
    @Test
    @SuppressWarnings("unchecked")
    void frameRuleAndFlameLayoutAreRight() {
        browser.open("overview");
        Object kinds = browser.module("stack.js", "return ['at java.base@17.0.15/java.lang.Thread.sleep(Native Method)',"
                + " 'at org.eclipse.jetty.server.Server.handle(Server.java:1)', 'at jakarta.servlet.http.HttpServlet.service(HttpServlet.java:2)',"
                + " 'at dev.monitordash.servlet.MonitoringFilter.doFilter(MonitoringFilter.java:3)',"
                + " 'at app//example.shop.Reports.render(Reports.java:9)', 'example.shop.Reports.compute', 'at java.base/java.lang.Thread.run(Thread.java:840)',"
                + " 'at shop.Main$$Lambda/0x000001f.run(Unknown Source)', 'at org.apache.catalina.core.StandardWrapperValve.invoke(X.java:1)',"
                + " '- locked <0x1> (a java.lang.Object)', '(truncated)', '(all)', 'at javaapp.Main.run(Main.java:1)',"
                + " 'at dev.monitordash.core.outlier.Watchdog.run(Watchdog.java:5)', 'at dev.monitordash.example.Shop.get(Shop.java:7)',"
                + " 'at org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',"
                + " 'at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)']"
                + ".map(m.frameKind)");
        assertEquals(List.of("framework", "framework", "framework", "framework", "app", "app", "framework", "app", "framework",
                "info", "info", "info", "app", "framework", "app", "framework", "framework"), kinds);

        List<Object> boxes = (List<Object>) browser.module("flame.js", "const t = {frame: 'r', hits: 10, children: ["
                + "{frame: 'a', hits: 6, children: [{frame: 'a1', hits: 1, children: []}, {frame: 'a2', hits: 4, children: []}]},"
                + "{frame: 'b', hits: 3, children: [{frame: 'tiny', hits: 0.05, children: []}]}]};"
                + "return m.flameLayout(t, 0.01).map(b => [b.node.frame, b.depth, Math.round(b.x * 100), Math.round(b.width * 100)])");
        assertEquals(List.of(List.of("r", 0L, 0L, 100L), List.of("a", 1L, 0L, 60L), List.of("a1", 2L, 0L, 10L),
                List.of("a2", 2L, 10L, 40L), List.of("b", 1L, 60L, 30L)), boxes, "children from the parent's left edge; "
                + "a frame narrower than the minimum is left out");
        assertEquals(List.of(), browser.module("flame.js", "return m.flameLayout({frame: 'r', hits: 0, children: []})"));
        assertEquals(2L, browser.module("flame.js", "return m.trunkDepth({hits: 5, children: [{hits: 5, children: [{hits: 5,"
                + " children: [{hits: 3, children: []}, {hits: 2, children: []}]}]}]})"), "two frames above the branch");
        assertEquals(0L, browser.module("flame.js", "return m.trunkDepth({hits: 5, children: [{hits: 4, children: []}]})"),
                "a frame with samples of its own is no trunk");

        Object states = browser.module("stack.js", "return m.threadsByState([{state: 'WAITING'}, {state: 'ZOMBIE'},"
                + " {state: 'RUNNABLE'}, {state: 'WAITING'}, {state: 'BLOCKED'}]).map(([s, ts]) => s + ':' + ts.length)");
        assertEquals(List.of("RUNNABLE:1", "BLOCKED:1", "WAITING:2", "ZOMBIE:1"), states);
    }
}

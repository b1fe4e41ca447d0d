package dev.monitordash.ui.browser;

import dev.monitordash.ui.support.AppInJetty;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.RealCaptures;
import dev.monitordash.ui.testing.BrowserSession;
import example.shop.ReportServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile page's "application frames only" view over profiles the monitor's own sampler took of
 * requests a real Jetty served (so the container's trunk is really there): the transform (app-frames.js)
 * as a pure function, and the page starting the flame graph at the servlet's doGet, kept in the URL.
 */
class ProfileAppFramesBrowserTest {

    static final String ENDPOINT = "/reports/{id}";
    static final String DO_GET = "example.shop.ReportServlet.doGet";
    static final String COMPUTE = "example.shop.Reports.compute";

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", server -> {
        server.declare(ENDPOINT, "ReportServlet");
        RealCaptures captures = new RealCaptures(server);
        try (AppInJetty app = AppInJetty.start("/reports/*", new ReportServlet(() -> captures.profiled(ENDPOINT, 150)))) {
            app.get("/reports/1");
            app.get("/reports/2");
        }
    });

    private static BrowserSession browser() {
        return ui.browser();
    }

    private static String page(String extra) {
        return "profile?endpoint=" + URLEncoder.encode(ENDPOINT, StandardCharsets.UTF_8) + extra;
    }

    // A container trunk (Thread.run, Jetty, the servlet API) reaching the servlet's doGet by two paths, a
    // JDK leaf under doGet (its own samples), a JDK frame between two application frames, and an
    // application frame right below the root.
    private static final String TREE = "const n = (frame, hits, ...children) => ({frame, hits, totalMillis: hits * 2,"
            + " meanMillis: hits, share: hits / 100, children});"
            + "const t = n('(all)', 100,"
            + "  n('java.lang.Thread.run', 90,"
            + "    n('org.eclipse.jetty.server.Server.handle', 60,"
            + "      n('shop.Servlet.doGet', 60, n('java.lang.Thread.sleep', 20),"
            + "        n('shop.Dao.find', 30, n('java.net.Socket.read', 30)))),"
            + "    n('org.eclipse.jetty.ee10.servlet.ServletHolder.handle', 30,"
            + "      n('jakarta.servlet.http.HttpServlet.service', 30,"
            + "        n('shop.Servlet.doGet', 30, n('shop.Render.page', 15), n('shop.Dao.find', 10))))),"
            + "  n('shop.Background.tick', 10, n('java.lang.reflect.Method.invoke', 10, n('shop.Background.tick', 8))));"
            + "const show = (x) => [x.frame, x.hits, Math.round(x.totalMillis), x.children.map(show)];";

    @Test
    @SuppressWarnings("unchecked")
    void appOnlyLiftsApplicationFramesMergesSiblingsAndKeepsEverySample() {
        browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        Object shown = browser().module("app-frames.js", TREE + "return show(m.appOnly(t))");
        assertEquals(List.of("(all)", 100L, 200L, List.of(
                List.of("shop.Servlet.doGet", 90L, 180L, List.of(
                        List.of("shop.Dao.find", 40L, 80L, List.of()),
                        List.of("shop.Render.page", 15L, 30L, List.of()))),
                List.of("shop.Background.tick", 10L, 20L, List.of(
                        List.of("shop.Background.tick", 8L, 16L, List.of()))))), shown,
                "doGet's two paths merged (60 + 30), Dao.find too (30 + 10) with its socket read as its own time;"
                        + " a frame calling itself through reflection stays nested, not merged with itself");
        // doGet keeps Thread.sleep's 20 samples (and the 15 of its second path) as its own time.
        assertEquals(35L, browser().module("app-frames.js", TREE
                + "const d = m.appOnly(t).children[0]; return d.hits - d.children.reduce((s, c) => s + c.hits, 0)"));
        assertEquals(List.of(0.9, 90L), browser().module("app-frames.js", TREE
                + "const d = m.appOnly(t).children[0]; return [Math.round(d.share * 100) / 100, d.meanMillis]"));
        assertEquals(true, browser().module("app-frames.js", TREE
                + "const before = JSON.stringify(t); m.appOnly(t); return JSON.stringify(t) === before"), "pure");
        assertEquals(List.of(true, false, 0L), browser().module("app-frames.js", TREE
                + "const jdk = n('(all)', 5, n('java.lang.Thread.run', 5, n('org.eclipse.jetty.X.run', 5)));"
                + "return [m.hasAppFrames(t), m.hasAppFrames(jdk), m.appOnly(jdk).children.length]"));
    }

    // Read in one script: the flame graph may be redrawn (resize, toggle) between finding and reading.
    @SuppressWarnings("unchecked")
    private static List<String> framesAtDepth(int depth) {
        return (List<String>) browser().js("return Array.from(document.querySelectorAll("
                + "'#profile-flame-body g[data-depth=\"' + arguments[0] + '\"]')).map(g => g.getAttribute('data-frame'))",
                String.valueOf(depth));
    }

    private static void awaitFlameStartingWith(String frame) {
        browser().awaitReady("profile-flame");
        browser().await().until(d -> framesAtDepth(1).contains(frame));
    }

    @Test
    void theFlameGraphStartsAtTheServletByDefaultAndTheToggleIsKeptInTheUrl() throws Exception {
        browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        browser().open(page(""));
        WebElement toggle = browser().await().until(d -> d.findElement(By.id("filter-frames")));
        assertTrue(toggle.isSelected(), "application frames only by default: these samples have some");
        awaitFlameStartingWith(DO_GET);
        assertEquals(List.of(DO_GET), framesAtDepth(1), "the application's entry point right below the root");
        assertTrue(framesAtDepth(2).contains(COMPUTE), framesAtDepth(2).toString());
        browser().awaitReady("profile-tree");
        browser().await().until(d -> d.findElement(By.cssSelector(
                "#profile-tree-body [data-frame='" + COMPUTE + "'] > .tree-row")));
        assertTrue(browser().driver().findElements(By.cssSelector("#profile-tree-body .frame-framework")).isEmpty(),
                "no framework frame in the tree");
        assertTrue(browser().driver().findElement(By.id("profile-summary")).getText().contains("Application frames only"));
        browser().js("window.scrollTo(0, 0)");
        browser().screenshot("profile-app-frames");

        toggle.click();
        awaitFlameStartingWith("java.lang.Thread.run");
        assertTrue(browser().driver().getCurrentUrl().contains("frames=all"), browser().driver().getCurrentUrl());
        int depthOfDoGet = (int) (long) (Long) browser().js("return Number(document.querySelector("
                + "`#profile-flame-body g[data-frame='" + DO_GET + "']`).dataset.depth)");
        assertTrue(depthOfDoGet >= 10, "all frames: the servlet sits below the container's trunk, at " + depthOfDoGet);
        assertFalse(browser().driver().findElements(By.cssSelector("#profile-tree-body .frame-framework")).isEmpty());

        browser().driver().navigate().refresh();
        awaitFlameStartingWith("java.lang.Thread.run");
        assertFalse(browser().driver().findElement(By.id("filter-frames")).isSelected(), "kept over a reload");

        browser().driver().findElement(By.id("filter-frames")).click();
        awaitFlameStartingWith(DO_GET);
        assertTrue(browser().driver().getCurrentUrl().contains("frames=app"), browser().driver().getCurrentUrl());

        browser().phoneWidth();
        browser().open(page("&frames=app"));
        awaitFlameStartingWith(DO_GET);
        browser().assertNoHorizontalOverflow();
    }
}

package dev.monitordash.ui.assets;

import dev.monitordash.ui.pages.Pages;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static files: content types, caching, Chart.js from its webjar, and nothing else reachable. */
class DashboardAssetsTest {

    private static final Pattern ASSET_REF = Pattern.compile("(?:src|href)=\"(assets/[^\"]+)\"");
    /** A static import of one of our modules, relative to the importing module ('./x.js', '../x.js'). */
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '(\\.\\.?/[a-z/-]+\\.js)'");

    @TempDir
    static Path data;
    private static DashboardServer server;
    private static DashboardClient anonymous;

    @BeforeAll
    static void start() throws Exception {
        server = DashboardServer.start(data, "");
        anonymous = new DashboardClient(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void chartJsIsServedFromItsWebjarThroughTheAssetRoute() throws Exception {
        String version = ChartJsWebjar.version(getClass().getClassLoader());

        HttpResponse<String> r = expect(anonymous.get("/assets/vendor/chart.umd.js"), 200);

        assertEquals("text/javascript;charset=utf-8", contentType(r));
        assertTrue(r.body().startsWith("/*!\n * Chart.js v" + version), r.body().substring(0, 40));
        assertTrue(r.body().length() > 100_000);
    }

    @Test
    void ownAssetsCarryTheirContentTypes() throws Exception {
        assertEquals("text/css;charset=utf-8", contentType(expect(anonymous.get("/assets/app.css"), 200)));
        assertEquals("text/javascript;charset=utf-8", contentType(expect(anonymous.get("/assets/js/api.js"), 200)));
        assertEquals("image/svg+xml", contentType(expect(anonymous.get("/assets/favicon.svg"), 200)));
    }

    @Test
    void assetsAreRevalidatedWithTheirETag() throws Exception {
        HttpResponse<String> first = expect(anonymous.get("/assets/app.css"), 200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> again = anonymous.send(anonymous.request("/assets/app.css").header("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        HttpResponse<String> other = anonymous.send(anonymous.request("/assets/js/api.js").header("If-None-Match", etag));
        assertEquals(200, other.statusCode());
        assertNotEquals(etag, other.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void nothingButAssetsIsReachableThroughTheAssetRoute() throws Exception {
        for (String path : List.of("/assets/../pages/layout.html", "/assets/%2e%2e/pages/layout.html",
                "/assets/vendor/package.json", "/assets/vendor/chart.cjs", "/assets/vendor/LICENSE.md",
                "/assets/js/../../DashboardServlet.class", "/assets/pages/login.html", "/assets/js/missing.js",
                "/assets/JS/api.js", "/assets/", "/assets/vendor/chart.js")) {
            // 404 from the asset route, 400 from Jetty for an ambiguous path, or the login redirect once
            // Jetty has normalised the dots away: never the file.
            HttpResponse<String> r = anonymous.get(path);
            assertTrue(List.of(302, 400, 404).contains(r.statusCode()), path + " -> " + r.statusCode());
            assertFalse(r.body().contains("{{") || r.body().contains("webjar") || r.body().contains("Chart.js"), path);
        }
    }

    @Test
    void everyAssetThePagesAndModulesReferToExists() throws Exception {
        List<String> queue = reachableAssets(new DashboardClient(server).loginAsAdmin());

        assertTrue(queue.containsAll(List.of("assets/app.css", "assets/vendor/chart.umd.js", "assets/js/layout.js",
                "assets/js/api.js", "assets/js/table.js", "assets/js/charts/charts.js")), queue.toString());
    }

    @Test
    void pagesAndModulesHaveNoInlineCodeAndNeverWriteMarkup() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        for (String page : pages()) {
            String html = expect(admin.get(page), 200).body();
            assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(), page + ": inline script");
            assertFalse(html.contains("<style"), page + ": inline style");
            assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), page + ": style attribute");
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), page + ": event handler attribute");
        }
        List<String> modules = reachableAssets(admin).stream().filter(a -> a.startsWith("assets/js/")).toList();
        assertTrue(modules.size() >= 9, modules.toString());
        for (String module : modules) {
            String js = expect(admin.get("/" + module), 200).body();
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
                assertFalse(js.contains(sink), module + " uses " + sink);
            }
        }
    }

    /** The login page and every page of {@link Pages#ALL}, as paths below the dashboard. */
    private static List<String> pages() {
        List<String> pages = new ArrayList<>(List.of("/login"));
        Pages.ALL.forEach(p -> pages.add("/" + p.name()));
        return pages;
    }

    /**
     * Every asset the pages refer to and every module those import, transitively; each must exist
     * (200). Imports are resolved against the importing module's folder, as the browser does.
     */
    private static List<String> reachableAssets(DashboardClient admin) throws Exception {
        Set<String> refs = new LinkedHashSet<>();
        for (String page : pages()) {
            Matcher m = ASSET_REF.matcher(expect(admin.get(page), 200).body());
            while (m.find()) {
                refs.add(m.group(1));
            }
        }
        List<String> queue = new ArrayList<>(refs);
        for (int i = 0; i < queue.size(); i++) {
            String asset = queue.get(i);
            HttpResponse<String> r = expect(admin.get("/" + asset), 200);
            Matcher imports = MODULE_IMPORT.matcher(r.body());
            while (imports.find()) {
                String module = URI.create(asset).resolve(imports.group(1)).toString();
                if (!queue.contains(module)) {
                    queue.add(module);
                }
            }
        }
        return queue;
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase();
    }
}

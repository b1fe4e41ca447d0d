package dev.monitordash.ui;

import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard inside an application deployed under a context path ({@code /shop}). */
class DashboardContextPathTest {

    @TempDir
    Path temp;
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "/shop");
        server.declare("/cart", "CartServlet");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void redirectsStayUnderTheContextPath() throws Exception {
        DashboardClient anonymous = new DashboardClient(server);
        assertEquals("/shop/dashboard/overview", anonymous.get("").headers().firstValue("Location").orElseThrow());
        assertEquals("/shop/dashboard/login?next=rules",
                anonymous.get("/rules").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void sessionCookieIsScopedToTheDashboardUnderTheContextPath() throws Exception {
        HttpResponse<String> r = expect(new DashboardClient(server).login("admin", DashboardServer.ADMIN_PASSWORD), 200);
        String cookie = DashboardClient.sessionCookieHeader(r).orElseThrow();
        assertTrue(List.of(cookie.split(";\\s*")).contains("Path=/shop/dashboard"), cookie);
    }

    @Test
    void pagesApiAndLogoutWorkUnderTheContextPath() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        assertTrue(expect(admin.get("/rules"), 200).body().contains("<script type=\"module\" src=\"assets/js/rules.js\">"));
        expect(admin.get("/assets/js/rules.js"), 200);
        expect(admin.changeLevel("/cart", 2), 200);
        assertEquals(2, server.monitor().endpoints().find("/cart").level());

        HttpResponse<String> out = admin.postForm("/logout", "_csrf=" + admin.csrfToken());
        assertEquals(303, out.statusCode());
        assertEquals("/shop/dashboard/login", out.headers().firstValue("Location").orElseThrow());
        assertTrue(DashboardClient.sessionCookieHeader(out).orElseThrow().contains("Path=/shop/dashboard"));
        assertEquals(401, admin.get("/api/session").statusCode());
        assertEquals("login required", json(admin.get("/api/status")).get("error").asText());
    }
}

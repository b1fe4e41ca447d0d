package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.spring.sample.SecuredSampleApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot application with a security filter chain of its own (HTTP Basic, CSRF on) and the starter:
 * requests are named by Spring MVC's route templates, the signed-in user is recorded although the filter
 * runs before Spring Security, the 401s and 403s Spring Security answers are recorded, and the dashboard's
 * own login gets through Spring Security.
 */
@SpringBootTest(classes = SecuredSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitordash.version=1.0", "monitordash.admin.password=s3cret"})
class SecuredApplicationTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("monitordash.database", () -> "jdbc:sqlite:" + dir.resolve("monitor.db"));
    }

    @LocalServerPort
    int port;
    @Autowired
    Monitor monitor;
    WebClient web;
    StoredRequests stored;

    @BeforeEach
    void client() {
        web = new WebClient(port);
        stored = new StoredRequests("jdbc:sqlite:" + dir.resolve("monitor.db"));
    }

    @Test
    void recordsTheRouteTemplateAndTheUserSpringSecurityAuthenticated() {
        long before = monitor.stats().written();
        int earlier = stored.requests("/owners/%").size();
        assertEquals(200, web.getAs("alice", "alice-pw", "/owners/7/pets/3").statusCode());
        assertEquals(200, web.getAs("root", "root-pw", "/owners/8").statusCode());
        StoredRequests.awaitWritten(monitor, before + 2);

        assertEquals(List.of("/owners/{ownerId}/pets/{petId} 200 alice", "/owners/{ownerId} 200 root"),
                since(earlier, stored.requests("/owners/%")));
    }

    @Test
    void recordsThe401SpringSecurityAnswersBeforeTheApplicationRuns() {
        long before = monitor.stats().written();
        int earlier = stored.requestsWithStatus(401).size();
        HttpResponse<String> refused = web.get("/owners/9", "Accept", "application/json");
        assertEquals(401, refused.statusCode());
        StoredRequests.awaitWritten(monitor, before + 1);

        // Spring MVC never matched a route: the request counts under the DispatcherServlet's mapping.
        assertEquals(List.of("/ 401 null"), since(earlier, stored.requestsWithStatus(401)));
    }

    @Test
    void recordsTheSignedInUserOfARequestSpringSecurityForbids() {
        long before = monitor.stats().written();
        int earlier = stored.requestsWithStatus(403).size();
        assertEquals(403, web.getAs("alice", "alice-pw", "/admin/stats").statusCode());
        assertEquals(200, web.getAs("root", "root-pw", "/admin/stats").statusCode());
        StoredRequests.awaitWritten(monitor, before + 2);

        assertEquals(List.of("/ 403 alice"), since(earlier, stored.requestsWithStatus(403)));
        assertEquals(List.of("/admin/stats 200 root"), stored.requests("/admin/stats"));
    }

    @Test
    void theDashboardAnswersAndItsLoginIsNotRefusedBySpringSecuritysCsrfProtection() {
        HttpResponse<String> home = web.get("/dashboard/");
        assertEquals(302, home.statusCode(), "the dashboard's own answer: to its first page");
        String next = home.headers().firstValue("Location").orElseThrow();
        assertTrue(next.contains("/dashboard/"), next);
        HttpResponse<String> loginPage = web.get("/dashboard/login");
        assertEquals(200, loginPage.statusCode(), loginPage::body);
        assertTrue(loginPage.body().contains("<form") || loginPage.body().contains("login"), loginPage.body());

        HttpResponse<String> login = web.dashboardLogin("/dashboard", "admin", "s3cret");
        assertEquals(200, login.statusCode(), login::body);
        HttpResponse<String> status = web.get("/dashboard/api/status");
        assertEquals(200, status.statusCode(), status::body);

        assertEquals(401, web.dashboardLogin("/dashboard", "admin", "wrong").statusCode(),
                "the dashboard's own login still checks the password");
    }

    /** The rows written by this test: the methods share one application and its file. */
    private static List<String> since(int earlier, List<String> rows) {
        return rows.subList(earlier, rows.size());
    }

    @Test
    void theApplicationsOwnRoutesStayProtected() {
        long before = monitor.stats().written();
        assertEquals(401, web.get("/owners/1/pets/1", "Accept", "application/json").statusCode());
        assertEquals(200, web.getAs("alice", "alice-pw", "/owners/1/pets/1").statusCode());
        StoredRequests.awaitWritten(monitor, before + 2); // so that the other tests count only their own rows
    }
}

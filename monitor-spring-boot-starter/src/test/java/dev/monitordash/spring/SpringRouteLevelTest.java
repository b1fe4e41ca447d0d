package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierThresholds;
import dev.monitordash.core.query.OutlierSummary;
import dev.monitordash.spring.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Levels set on Spring MVC route templates: the DispatcherServlet's one mapping ({@code /}) stays at level
 * 1, and level 2 on {@code /reports/{name}} catches that route's outliers and no other route's; level 3
 * on it profiles it alone.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitordash.outlier.min-requests=10", "monitordash.admin.password=s3cret"})
class SpringRouteLevelTest {

    static final String REPORTS = "/reports/{name}";
    static final String EXPORTS = "/exports/{name}";

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

    @Test
    void levelTwoOnARouteTemplateCatchesThatRoutesOutliersAndLevelThreeProfilesIt() {
        WebClient web = new WebClient(port);
        // Listed at startup from Spring MVC's handler mappings, so their levels can be set before any request.
        monitor.changeLevel(REPORTS, MonitoringLevel.OUTLIERS);
        assertEquals(MonitoringLevel.PERFORMANCE, monitor.endpoints().lookup("/").level());
        for (int i = 0; i < 10; i++) {
            assertEquals(200, web.get("/reports/warm?ms=20").statusCode());
            assertEquals(200, web.get("/exports/warm?ms=20").statusCode());
        }
        StoredRequests.awaitTrue("both routes' thresholds", () ->
                monitor.outliers().thresholds().thresholdNanos(REPORTS) != OutlierThresholds.NONE
                && monitor.outliers().thresholds().thresholdNanos(EXPORTS) != OutlierThresholds.NONE);

        assertEquals(200, web.get("/exports/late?ms=1000").statusCode());
        assertEquals(200, web.get("/reports/late?ms=1000").statusCode());
        StoredRequests.awaitTrue("the outlier of " + REPORTS, () -> !monitor.queries().outliers(REPORTS, 10).isEmpty());
        List<OutlierSummary> outliers = monitor.queries().outliers(REPORTS, 10);
        assertEquals(1, outliers.size());
        assertTrue(outliers.get(0).url().endsWith("/reports/late"), outliers.get(0).url());
        assertTrue(monitor.queries().outlier(outliers.get(0).id()).orElseThrow().requestStack()
                .contains("SampleRoutes.sleepInReport"));
        assertEquals(List.of(), monitor.queries().outliers(EXPORTS, 10), "level 1: not watched");
        assertEquals(1, monitor.outliers().captures());

        monitor.changeLevel(REPORTS, MonitoringLevel.PROFILER);
        assertEquals(200, web.get("/reports/profiled?ms=300").statusCode());
        assertEquals(200, web.get("/exports/profiled?ms=300").statusCode());
        StoredRequests.awaitTrue("the profile of " + REPORTS, () -> !monitor.queries().profiles(REPORTS, 10).isEmpty());
        StoredRequests.awaitWritten(monitor, 24);
        assertEquals(List.of(), monitor.queries().profiles(EXPORTS, 10));
        assertEquals(List.of(), monitor.queries().profiles("/", 10));
    }
}

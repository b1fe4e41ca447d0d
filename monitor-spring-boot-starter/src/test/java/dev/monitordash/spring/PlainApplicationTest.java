package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.spring.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Spring Boot web application without Spring Security. The build runs it a second time with Spring
 * Security taken off the class path (the surefire execution {@code without-spring-security}), which shows
 * the starter's security parts stay out of the way when their classes are missing.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "monitordash.admin.password=s3cret")
class PlainApplicationTest {

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
    void recordsRouteTemplatesAndServesTheDashboard() {
        WebClient web = new WebClient(port);
        assertEquals(200, web.get("/owners/1").statusCode());
        assertEquals(200, web.get("/owners/1/pets/2").statusCode());
        assertEquals(404, web.get("/nowhere").statusCode());
        assertEquals(302, web.get("/dashboard/").statusCode());
        assertEquals(200, web.get("/dashboard/login").statusCode());
        assertEquals(200, web.dashboardLogin("/dashboard", "admin", "s3cret").statusCode());
        StoredRequests.awaitWritten(monitor, 3);

        assertEquals(List.of("/owners/{ownerId} 200 null", "/owners/{ownerId}/pets/{petId} 200 null",
                "(not found) 404 null"), new StoredRequests("jdbc:sqlite:" + dir.resolve("monitor.db")).requests("%"));
    }
}

package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.spring.sample.DefaultSecurityApplication;
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

/**
 * An application relying on Spring Boot's default security, which backs off as soon as any security filter
 * chain exists: the dashboard's chain must not take the application's security away.
 */
@SpringBootTest(classes = DefaultSecurityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitordash.admin.password=s3cret", "spring.security.user.name=carol",
                "spring.security.user.password=carol-pw"})
class DefaultSecurityTest {

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
    void springBootsDefaultSecurityStillProtectsTheApplicationBesideTheDashboardsChain() {
        WebClient web = new WebClient(port);
        assertEquals(401, web.get("/owners/5", "Accept", "application/json").statusCode());
        assertEquals(200, web.getAs("carol", "carol-pw", "/owners/5").statusCode());
        assertEquals(200, web.dashboardLogin("/dashboard", "admin", "s3cret").statusCode());
        StoredRequests.awaitWritten(monitor, 2);

        assertEquals(List.of("/ 401 null", "/owners/{ownerId} 200 carol"),
                new StoredRequests("jdbc:sqlite:" + dir.resolve("monitor.db")).requests("/%"));
    }
}

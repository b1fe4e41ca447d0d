package dev.monitordash.example.spring;

import dev.monitordash.core.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example as the README starts it: its routes answer, are recorded, and the dashboard logs in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClinicApplicationTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("monitordash.database", () -> "jdbc:sqlite:" + dir.resolve("clinic.db"));
    }

    @LocalServerPort
    int port;
    @Autowired
    Monitor monitor;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void routesAnswerAreRecordedByTemplateAndTheDashboardLogsIn() throws Exception {
        assertEquals(200, send(to("/owners/1/pets/0").header("Authorization", basic("vet", "vet-pw"))).statusCode());
        assertEquals(403, send(to("/owners/1/visits").header("Authorization", basic("owner", "owner-pw"))).statusCode());
        HttpResponse<String> login = send(to("/dashboard/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin\"}")));
        assertEquals(200, login.statusCode(), login.body());

        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (monitor.stats().written() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(2, monitor.stats().written());
        assertNotNull(monitor.endpoints().find("/owners/{ownerId}/pets/{petId}"));
        assertTrue(monitor.endpoints().find("/owners/{ownerId}/visits") != null, "listed at startup");
    }
}

package dev.monitordash.ui.auth;

import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.LoopbackLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login's cross-site check (issue 13, item 5) through the real servlet in a real Jetty: every
 * combination of Origin × Referer × Sec-Fetch-Site. Each combination logs in from its own loopback
 * address, so the login throttle never gets in the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginOriginTest {

    private static final String FOREIGN_ORIGIN = "https://evil.example";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @TempDir
    static Path temp;
    private DashboardServer server;
    private LoopbackLogin login;

    @BeforeAll
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        login = new LoopbackLogin(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "Origin {0}, Referer {1}, Sec-Fetch-Site {2}: {3}")
    @CsvSource({
        // A browser saying cross-site is refused whatever else the request says.
        "same,    same,    cross-site,  403",
        "same,    foreign, cross-site,  403",
        "same,    absent,  cross-site,  403",
        "foreign, same,    cross-site,  403",
        "foreign, foreign, cross-site,  403",
        "foreign, absent,  cross-site,  403",
        "absent,  same,    cross-site,  403",
        "absent,  foreign, cross-site,  403",
        "absent,  absent,  cross-site,  403",
        "null,    same,    cross-site,  403",
        "null,    foreign, cross-site,  403",
        "null,    absent,  cross-site,  403",
        // A real Origin decides, whatever Sec-Fetch-Site says (or does not say).
        "same,    same,    same-origin, 200",
        "same,    foreign, same-origin, 200",
        "same,    absent,  same-origin, 200",
        "same,    same,    absent,      200",
        "same,    foreign, absent,      200",
        "same,    absent,  absent,      200",
        "foreign, same,    same-origin, 403",
        "foreign, foreign, same-origin, 403",
        "foreign, absent,  same-origin, 403",
        "foreign, same,    absent,      403",
        "foreign, foreign, absent,      403",
        "foreign, absent,  absent,      403",
        // Without a usable Origin, the Referer decides.
        "absent,  same,    same-origin, 200",
        "absent,  foreign, same-origin, 403",
        "absent,  same,    absent,      200",
        "absent,  foreign, absent,      403",
        "null,    same,    same-origin, 200",
        "null,    foreign, same-origin, 403",
        "null,    same,    absent,      200",
        "null,    foreign, absent,      403",
        // Neither: a script or tool (no Origin at all) is fine; an opaque origin needs the browser's word.
        "absent,  absent,  same-origin, 200",
        "absent,  absent,  absent,      200",
        "null,    absent,  same-origin, 200",
        "null,    absent,  absent,      403",
    })
    void loginIsRefusedWhenItsOriginOrRefererNamesAnotherSite(String origin, String referer, String fetchSite,
            int expected) throws Exception {
        List<String> headers = new ArrayList<>();
        String ours = "http://" + login.host();
        switch (origin) {
            case "same" -> headers.addAll(List.of("Origin", ours));
            case "foreign" -> headers.addAll(List.of("Origin", FOREIGN_ORIGIN));
            case "null" -> headers.addAll(List.of("Origin", "null"));
            default -> { }
        }
        switch (referer) {
            case "same" -> headers.addAll(List.of("Referer", ours + server.basePath() + "/login"));
            case "foreign" -> headers.addAll(List.of("Referer", FOREIGN_ORIGIN + "/phish.html"));
            default -> { }
        }
        if (!fetchSite.equals("absent")) {
            headers.addAll(List.of("Sec-Fetch-Site", fetchSite, "Sec-Fetch-Mode", "cors"));
        }

        LoopbackLogin.Answer answer = login.login(LoopbackLogin.client(CLIENTS.getAndIncrement()), "admin",
                DashboardServer.ADMIN_PASSWORD, headers.toArray(String[]::new));

        assertEquals(expected, answer.status(), answer.body());
        assertEquals(expected == 200, answer.sessionToken().isPresent(), "a session only when accepted");
        if (expected == 403) {
            assertTrue(answer.body().contains("login is only accepted from the dashboard's own login page"),
                    answer.body());
        }
    }

    @Test
    void ourHostIsRecognisedBehindAProxyAndAnotherPortOrHostIsNot() throws Exception {
        // A TLS-terminating proxy: the browser's origin is https on the public name, the container sees
        // plain HTTP; X-Forwarded-Host (or a Host the proxy keeps) names the public host.
        assertEquals(200, loginWith("Origin", "https://dash.example.com", "X-Forwarded-Host", "dash.example.com"));
        assertEquals(200, loginWith("Referer", "https://dash.example.com/dashboard/login",
                "X-Forwarded-Host", "other.example.com, dash.example.com"));
        assertEquals(403, loginWith("Origin", "https://dash.example.com:8443", "X-Forwarded-Host", "dash.example.com"));
        assertEquals(403, loginWith("Origin", "http://127.0.0.1:1"));
        assertEquals(403, loginWith("Origin", "http://127.0.0.1.evil.example:" + server.base().getPort()));
        assertEquals(403, loginWith("Origin", "not a url"));
        assertEquals(403, loginWith("Referer", "javascript:alert(1)"));
        assertEquals(200, loginWith("Origin", "HTTP://127.0.0.1:" + server.base().getPort()));
    }

    @Test
    void theDashboardsOwnClientLoginStillWorks() throws Exception {
        // java.net.http sends no Origin, as scripts and tools do not.
        DashboardClient.expect(new DashboardClient(server).login("admin", DashboardServer.ADMIN_PASSWORD), 200);
    }

    private int loginWith(String... headers) throws Exception {
        return login.login(LoopbackLogin.client(CLIENTS.getAndIncrement()), "admin", DashboardServer.ADMIN_PASSWORD,
                headers).status();
    }
}

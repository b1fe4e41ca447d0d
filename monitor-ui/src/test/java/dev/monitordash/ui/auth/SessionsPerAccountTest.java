package dev.monitordash.ui.auth;

import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.LoopbackLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions per account and the login throttle (issue 13, item 7), through the real login endpoint in a
 * real Jetty. Many clients are many loopback addresses: the throttle counts per address, so an attacker
 * with many addresses gets past it, and only the per-account cap keeps the admin logged in.
 */
class SessionsPerAccountTest {

    @TempDir
    Path temp;
    private DashboardServer server;
    private LoopbackLogin login;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        login = new LoopbackLogin(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aThousandAndOneGuestLoginsLeaveTheAdminLoggedIn() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        List<String> guests = new ArrayList<>();

        for (int i = 0; i < 1_001; i++) {
            LoopbackLogin.Answer answer = login.login(LoopbackLogin.client(i), "guest", DashboardServer.GUEST_PASSWORD);
            assertEquals(200, answer.status(), "guest login " + i + ": " + answer.body());
            guests.add(answer.sessionToken().orElseThrow());
        }

        assertEquals("admin", json(DashboardClient.expect(admin.get("/api/session"), 200)).get("user").asText());
        assertEquals(401, sessionStatus(guests.get(0)), "the guest's oldest session ended");
        assertEquals(401, sessionStatus(guests.get(1_001 - SessionStore.DEFAULT_MAX_SESSIONS_PER_ACCOUNT - 1)));
        assertEquals(200, sessionStatus(guests.get(1_001 - SessionStore.DEFAULT_MAX_SESSIONS_PER_ACCOUNT)));
        assertEquals(200, sessionStatus(guests.get(1_000)));
    }

    @Test
    void theTwentyFirstSessionOfAnAccountEndsThatAccountsOldestOnly() throws Exception {
        DashboardClient guest = new DashboardClient(server).loginAsGuest();
        List<String> admins = new ArrayList<>();
        for (int i = 0; i < SessionStore.DEFAULT_MAX_SESSIONS_PER_ACCOUNT; i++) {
            admins.add(login.login(LoopbackLogin.client(i), "admin", DashboardServer.ADMIN_PASSWORD)
                    .sessionToken().orElseThrow());
        }
        for (String token : admins) {
            assertEquals(200, sessionStatus(token), "20 sessions: all alive");
        }

        String twentyFirst = login.login(LoopbackLogin.client(100), "admin", DashboardServer.ADMIN_PASSWORD)
                .sessionToken().orElseThrow();

        assertEquals(401, sessionStatus(admins.get(0)), "the account's oldest ended");
        for (String token : admins.subList(1, admins.size())) {
            assertEquals(200, sessionStatus(token));
        }
        assertEquals(200, sessionStatus(twentyFirst));
        assertEquals(200, guest.get("/api/session").statusCode(), "another account's session is untouched");
    }

    @Test
    void loginsFromOneAddressAreThrottledWhateverTheirOutcome() throws Exception {
        String address = LoopbackLogin.client(7);
        for (int i = 0; i < LoginThrottle.DEFAULT_BURST; i++) {
            assertEquals(200, login.login(address, "guest", DashboardServer.GUEST_PASSWORD).status(), "login " + i);
        }

        LoopbackLogin.Answer refused = login.login(address, "guest", DashboardServer.GUEST_PASSWORD);

        assertEquals(429, refused.status(), refused.body());
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= LoginThrottle.DEFAULT_REFILL_EVERY.toSeconds(),
                "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("too many logins from your address"), refused.body());
        assertTrue(refused.sessionToken().isEmpty());
        assertEquals(200, login.login(LoopbackLogin.client(8), "guest", DashboardServer.GUEST_PASSWORD).status(),
                "another address is not affected");
    }

    private int sessionStatus(String token) throws Exception {
        DashboardClient client = new DashboardClient(server);
        client.useSessionToken(token);
        return client.get("/api/session").statusCode();
    }
}

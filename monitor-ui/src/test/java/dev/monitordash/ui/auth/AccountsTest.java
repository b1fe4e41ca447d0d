package dev.monitordash.ui.auth;

import dev.monitordash.core.config.MonitorConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsTest {

    @Test
    void adminAndGuestLogInWithTheirOwnPasswords() {
        Accounts accounts = new Accounts(MonitorConfig.builder().adminUser("boss").adminPassword("s3cret")
                .guestUser("visitor").guestPassword("look-only").build(), PasswordVerifier.plainText());

        assertEquals(Optional.of(Role.ADMIN), accounts.authenticate("boss", "s3cret"));
        assertEquals(Optional.of(Role.GUEST), accounts.authenticate("visitor", "look-only"));
        assertEquals(Optional.empty(), accounts.authenticate("boss", "look-only"));
        assertEquals(Optional.empty(), accounts.authenticate("visitor", "s3cret"));
        assertEquals(Optional.empty(), accounts.authenticate("admin", "s3cret"));
        assertEquals(Optional.empty(), accounts.authenticate("boss", "S3cret"));
        assertEquals(Optional.empty(), accounts.authenticate(null, "s3cret"));
        assertEquals(Optional.empty(), accounts.authenticate("boss", null));
        assertTrue(accounts.guestEnabled());
    }

    @Test
    void acceptsHashedPasswordsFromTheConfiguration() {
        String hash = dev.monitordash.core.security.Passwords.hash("s3cret");
        Accounts accounts = new Accounts(MonitorConfig.builder().adminUser("boss").adminPassword(hash)
                .guestUser("visitor").guestPassword("{noop}look-only").build(), PasswordVerifier.configured());

        assertEquals(Optional.of(Role.ADMIN), accounts.authenticate("boss", "s3cret"));
        assertEquals(Optional.empty(), accounts.authenticate("boss", hash));
        assertEquals(Optional.empty(), accounts.authenticate("boss", "s3cre"));
        assertEquals(Optional.of(Role.GUEST), accounts.authenticate("visitor", "look-only"));
        assertEquals(Optional.empty(), accounts.authenticate("visitor", "{noop}look-only"));
    }

    @Test
    void withoutAGuestPasswordThereIsNoGuestLogin() {
        Accounts accounts = new Accounts(MonitorConfig.builder().adminPassword("s3cret").build(),
                PasswordVerifier.plainText());
        assertFalse(accounts.guestEnabled());
        assertEquals(Optional.empty(), accounts.authenticate("guest", ""));
        assertEquals(Optional.empty(), accounts.authenticate("guest", "guest_password"));
    }

    @Test
    void withoutAnAdminPasswordARandomOneIsGeneratedAndAnnouncedOnce() {
        List<String[]> announced = new ArrayList<>();
        MonitorConfig config = MonitorConfig.builder().adminUser("root").build();

        Accounts accounts = new Accounts(config, PasswordVerifier.plainText(), (u, p) -> announced.add(new String[] {u, p}));

        assertEquals(1, announced.size());
        assertEquals("root", announced.get(0)[0]);
        String password = announced.get(0)[1];
        assertTrue(password.length() >= 22, "at least 128 bits: " + password);
        assertTrue(accounts.adminPasswordGenerated());
        assertEquals(Optional.of(Role.ADMIN), accounts.authenticate("root", password));
        assertEquals(Optional.empty(), accounts.authenticate("root", "admin"));
        assertEquals(Optional.empty(), accounts.authenticate("root", ""));

        List<String> second = new ArrayList<>();
        new Accounts(config, PasswordVerifier.plainText(), (u, p) -> second.add(p));
        assertNotEquals(password, second.get(0));
    }
}

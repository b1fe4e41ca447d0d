package dev.monitordash.ui.auth;

import dev.monitordash.core.config.MonitorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The dashboard's two accounts: the admin (always) and the guest (only when a guest password is
 * configured). With no admin password configured a random one is generated and logged once, so a fresh
 * installation is never open and never has a guessable default (the seed's admin/admin).
 */
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final String adminUser;
    private final String adminPassword;
    private final String guestUser;
    private final String guestPassword; // null: no guest login
    private final PasswordVerifier verifier;
    private final boolean generated;

    public Accounts(MonitorConfig config, PasswordVerifier verifier) {
        this(config, verifier, Accounts::announce);
    }

    /**
     * Accounts whose admin password, when none is configured, is {@code generatedAdminPassword}: generated
     * at startup and announced by the caller (the servlet binding's startup summary), so that it is shown
     * when the application starts, not at the dashboard's first request.
     */
    public Accounts(MonitorConfig config, PasswordVerifier verifier, String generatedAdminPassword) {
        this(config, verifier, (user, password) -> { }, generatedAdminPassword);
    }

    /** @param announce told (once) the generated admin password when none is configured */
    Accounts(MonitorConfig config, PasswordVerifier verifier, BiConsumer<String, String> announce) {
        // 128 random bits are plenty against online guessing behind the login throttle.
        this(config, verifier, announce, Tokens.random(16));
    }

    private Accounts(MonitorConfig config, PasswordVerifier verifier, BiConsumer<String, String> announce,
            String generatedAdminPassword) {
        this.adminUser = config.adminUser();
        this.guestUser = config.guestUser();
        this.guestPassword = config.guestPassword().filter(p -> !p.isEmpty()).orElse(null);
        this.verifier = verifier;
        Optional<String> configured = config.adminPassword().filter(p -> !p.isEmpty());
        this.generated = configured.isEmpty();
        if (generated) {
            if (generatedAdminPassword == null || generatedAdminPassword.isEmpty()) {
                throw new IllegalArgumentException("no admin password is configured, so one must be generated");
            }
            announce.accept(adminUser, generatedAdminPassword);
            this.adminPassword = generatedAdminPassword;
        } else {
            this.adminPassword = configured.get();
        }
    }

    private static void announce(String user, String password) {
        LOG.warn("MonitorDash: no admin password is configured, so one was generated for this run. "
                + "Log in to the dashboard as user '{}' with password: {} "
                + "(configure an admin password to choose your own)", user, password);
    }

    /**
     * The role of a user name and password, or empty. Both accounts are always checked, so the time
     * taken does not tell which user names exist.
     */
    public Optional<Role> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        boolean admin = Tokens.constantTimeEquals(user, adminUser) & verify(password, adminPassword);
        boolean guest = guestPassword != null
                & Tokens.constantTimeEquals(user, guestUser) & verify(password, guestPassword);
        if (admin) {
            return Optional.of(Role.ADMIN);
        }
        return guest ? Optional.of(Role.GUEST) : Optional.empty();
    }

    private boolean verify(String candidate, String configured) {
        return configured != null && verifier.verify(candidate, configured);
    }

    public boolean guestEnabled() {
        return guestPassword != null;
    }

    /** True when the admin password was generated at startup (and logged) rather than configured. */
    public boolean adminPasswordGenerated() {
        return generated;
    }
}

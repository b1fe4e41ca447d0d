package dev.monitordash.ui.support;

import dev.monitordash.ui.testing.Browser;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The lifecycle every browser test class shares, as one JUnit extension: a real dashboard over a SQLite
 * file (seeded once per class) and one headless Chromium on it, both started before the class and closed
 * after it even when one of them fails; before each test the session is back on this dashboard, logged
 * out, at desktop width; after each test the console must be free of errors. Without Chromium every test
 * is skipped, or fails when browser tests are required ({@link Browser#chromiumAvailable()}).
 *
 * <pre>{@code @RegisterExtension static final DashboardInBrowser ui = new DashboardInBrowser("", server -> ...);}</pre>
 */
public final class DashboardInBrowser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** Records a test class's history into its dashboard, before the browser starts. */
    @FunctionalInterface
    public interface Seed {
        void into(DashboardServer server) throws Exception;
    }

    private final String contextPath;
    private final Seed seed;
    private Consumer<BrowserSession> browserSetup = session -> { };
    private boolean available;
    private Path root;
    private DashboardServer server;
    private BrowserSession browser;

    public DashboardInBrowser(String contextPath, Seed seed) {
        this.contextPath = contextPath;
        this.seed = seed;
    }

    /** A dashboard with an empty store. */
    public DashboardInBrowser(String contextPath) {
        this(contextPath, server -> { });
    }

    /** Runs once the browser has started, e.g. to set where downloads go. */
    public DashboardInBrowser withBrowser(Consumer<BrowserSession> setup) {
        this.browserSetup = setup;
        return this;
    }

    public DashboardServer server() {
        return server;
    }

    public BrowserSession browser() {
        return browser;
    }

    /** The class's data directory, for a second dashboard a test starts itself (e.g. an empty one). */
    public Path dataDir() {
        return root.resolve("data");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        available = Browser.chromiumAvailable();
        if (!available) {
            return;
        }
        root = Files.createTempDirectory("monitordash-browser-");
        server = DashboardServer.start(Files.createDirectories(dataDir()), contextPath);
        seed.into(server);
        browser = BrowserSession.start(Files.createDirectories(root.resolve("profile")), server.base());
        browserSetup.accept(browser);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Browser.assumeChromium(available);
        browser.useDashboard(server.base()); // a test may have pointed it at a second dashboard
        browser.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.assertNoConsoleErrors();
        }
    }

    /** Closes the browser, then the server, then deletes the directories: each even when an earlier step failed. */
    @Override
    public void afterAll(ExtensionContext context) {
        RuntimeException failure = null;
        for (Runnable step : new Runnable[] {this::closeBrowser, this::closeServer, this::deleteRoot}) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeBrowser() {
        if (browser != null) {
            BrowserSession b = browser;
            browser = null;
            b.close();
        }
    }

    private void closeServer() {
        if (server != null) {
            DashboardServer s = server;
            server = null;
            s.close();
        }
    }

    private void deleteRoot() {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        } finally {
            root = null;
        }
    }
}

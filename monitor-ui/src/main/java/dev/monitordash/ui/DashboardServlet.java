package dev.monitordash.ui;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.ui.api.ApiRoutes;
import dev.monitordash.ui.assets.Assets;
import dev.monitordash.ui.auth.Accounts;
import dev.monitordash.ui.auth.AuthRoutes;
import dev.monitordash.ui.auth.LoginThrottle;
import dev.monitordash.ui.auth.PasswordVerifier;
import dev.monitordash.ui.auth.SessionStore;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.SecurityHeaders;
import dev.monitordash.ui.pages.Pages;
import dev.monitordash.ui.prometheus.ScrapeRoute;
import dev.monitordash.ui.tests.TestResultsRoute;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole dashboard in one servlet, mounted at {@code <dashboardPath>/*}. It routes to the public
 * parts (login page, login API, static assets) and, for a logged-in user only, to the pages, the JSON
 * API and logout. Anonymous page requests are redirected to the login page; anonymous API requests get
 * 401. Every response carries the security headers; every refusal is a clean status with a message.
 *
 * <p>Routes, relative to the dashboard path (see {@code docs/api.md}):
 * <pre>
 *   GET  /                      redirect to the first page
 *   GET  /login                 login page                      public
 *   POST /api/login             log in (JSON)                   public, throttled per client address
 *   GET  /assets/**             stylesheet, ES modules, Chart.js public
 *   GET  /metrics               Prometheus ({@link ScrapeRoute}) bearer token, else login; off by default
 *   POST /api/tests/results     a CI test run ({@link TestResultsRoute}) API token of the Tests page
 *   GET  /overview, /rules      pages                           login
 *   POST /logout                log out                         login + CSRF
 *   *    /api/**                JSON API ({@link ApiRoutes})     login (+ CSRF and admin for changes)
 * </pre>
 */
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServlet.class);

    private final transient AuthRoutes auth;
    private final transient ApiRoutes api;
    private final transient Assets assets;
    private final transient Pages pages;
    private final transient ScrapeRoute scrape;
    private final transient TestResultsRoute testResults;

    /**
     * A dashboard for the monitor, accepting passwords in every configured format, with the request's remote address
     * as the client address for login throttling.
     */
    public DashboardServlet(Monitor monitor) {
        this(monitor, PasswordVerifier.configured(), HttpServletRequest::getRemoteAddr);
    }

    /**
     * @param monitor       the engine the dashboard shows and changes
     * @param passwords     checks a typed password against the configured one (plain text or a hash)
     * @param clientAddress the client address login throttling counts logins by (trusted-proxy aware
     *                      in the servlet module); only used on login
     */
    public DashboardServlet(Monitor monitor, PasswordVerifier passwords,
            Function<HttpServletRequest, String> clientAddress) {
        this(monitor, clientAddress, new Accounts(monitor.config(), Objects.requireNonNull(passwords, "passwords")));
    }

    /**
     * As above, with the admin password generated and announced at startup by the caller when none is
     * configured (ignored when one is).
     */
    public DashboardServlet(Monitor monitor, PasswordVerifier passwords,
            Function<HttpServletRequest, String> clientAddress, String generatedAdminPassword) {
        this(monitor, clientAddress, new Accounts(monitor.config(), Objects.requireNonNull(passwords, "passwords"),
                generatedAdminPassword));
    }

    private DashboardServlet(Monitor monitor, Function<HttpServletRequest, String> clientAddress, Accounts accounts) {
        Objects.requireNonNull(monitor, "monitor");
        ClassLoader loader = DashboardServlet.class.getClassLoader();
        this.auth = new AuthRoutes(accounts, new SessionStore(), new LoginThrottle(),
                Objects.requireNonNull(clientAddress, "clientAddress"));
        this.api = new ApiRoutes(monitor);
        this.assets = new Assets(loader);
        this.pages = new Pages(loader);
        this.scrape = new ScrapeRoute(monitor);
        this.testResults = new TestResultsRoute(monitor);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SecurityHeaders.apply(resp);
        Exchange ex = new Exchange(req, resp);
        try {
            route(ex);
        } catch (HttpError e) {
            ex.fail(e);
        } catch (StoreException e) {
            LOG.warn("MonitorDash dashboard could not read its store: {}", e.getMessage());
            ex.fail(new HttpError(503, "the monitoring store is unavailable: " + e.getMessage()));
        } catch (RuntimeException e) {
            // A bug of ours: logged with its trace for us, but the client sees no internals.
            LOG.error("MonitorDash dashboard failed on {} {}", req.getMethod(), ex.path(), e);
            ex.fail(new HttpError(500, "internal error of the dashboard; see the application log"));
        }
    }

    private void route(Exchange ex) throws IOException {
        String path = ex.path();
        if (path.isEmpty() || path.equals("/")) {
            ex.requireMethod("GET");
            ex.redirect(302, "/" + Pages.home());
            return;
        }
        if (path.startsWith("/assets/")) {
            ex.requireMethod("GET");
            if (!assets.serve(path.substring("/assets/".length()), ex.request(), ex.response())) {
                throw HttpError.notFound();
            }
            return;
        }
        if (path.equals("/login")) {
            ex.requireMethod("GET");
            Pages.write(ex.response(), pages.login());
            return;
        }
        if (path.equals("/api/login")) {
            auth.login(ex);
            return;
        }
        if (path.equals(ScrapeRoute.PATH)) {
            // Before the login check: a scraper with a token has no session, and gets 401, not a redirect.
            scrape.serve(ex, () -> auth.session(ex));
            return;
        }
        if (path.equals(TestResultsRoute.PATH)) {
            // CI posts with an API token, never a session: 401 without one, as for the scraper.
            testResults.serve(ex);
            return;
        }
        Optional<UserSession> session = auth.session(ex);
        if (session.isEmpty()) {
            refuseAnonymous(ex);
            return;
        }
        if (ex.isApi()) {
            api.handle(ex, session.get());
        } else if (path.equals("/logout")) {
            auth.logout(ex, session.get());
        } else {
            String name = path.substring(1);
            byte[] html = pages.page(name).orElseThrow(HttpError::notFound);
            ex.requireMethod("GET");
            if (pages.adminOnly(name) && !session.get().isAdmin()) {
                throw HttpError.forbidden("only an admin may open this page");
            }
            Pages.write(ex.response(), html);
        }
    }

    // API callers get 401 JSON; a browser asking for a page is sent to the login page, which returns
    // it to the page it asked for (only our page names travel in "next", so it is no open redirect).
    private void refuseAnonymous(Exchange ex) {
        String path = ex.path();
        if (ex.isApi()) {
            throw HttpError.unauthorized();
        }
        if (path.equals("/logout")) {
            ex.redirect(303, "/login"); // already logged out (expired session): nothing left to do
            return;
        }
        if (!"GET".equals(ex.method())) {
            throw HttpError.unauthorized();
        }
        String name = path.substring(1);
        ex.redirect(302, pages.page(name).isPresent() ? "/login?next=" + name : "/login");
    }
}

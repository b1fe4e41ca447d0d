package dev.monitordash.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The example's endpoints, modelled on the seed's Zeeguu case study (chapter 5): each one shows a
 * different shape in the dashboard.
 */
final class ExampleEndpoints {

    private ExampleEndpoints() {
    }

    static void register(ServletContextHandler context) {
        add(context, "index", new IndexServlet(), "");
        add(context, "languages", new LanguagesServlet(), "/api/languages");
        add(context, "recommendedArticles", new RecommendedArticlesServlet(), "/api/articles/recommended");
        add(context, "bookmarks", new BookmarksServlet(), "/api/bookmarks");
        add(context, "userProfile", new UserProfileServlet(), "/api/users/*");
        add(context, "upload", new UploadServlet(), "/api/upload");
        add(context, "refreshFeeds", new RefreshFeedsServlet(), "/api/feeds/refresh");
        add(context, "login", new ExampleLogin(), "/login");
    }

    private static void add(ServletContextHandler context, String name, HttpServlet servlet, String mapping) {
        ServletHolder holder = new ServletHolder(name, servlet);
        context.addServlet(holder, mapping);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void json(HttpServletResponse response, String body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    /** The landing page: what there is to try. */
    static final class IndexServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html");
            resp.setCharacterEncoding("UTF-8");
            String ctx = req.getContextPath();
            resp.getWriter().write("""
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>MonitorDash example</title></head>
                    <body><h1>MonitorDash example app</h1>
                    <p>Endpoints (send <code>X-User: name</code> or <a href="%1$s/login">log in</a> to be a user):</p>
                    <ul>
                    <li><a href="%1$s/api/languages">/api/languages</a> — fast</li>
                    <li><a href="%1$s/api/articles/recommended">/api/articles/recommended</a> — slow</li>
                    <li><a href="%1$s/api/bookmarks">/api/bookmarks</a> — time depends on the user</li>
                    <li><a href="%1$s/api/users/42">/api/users/{id}</a> — path variable</li>
                    <li>POST /api/upload — fails now and then</li>
                    <li><a href="%1$s/api/feeds/refresh">/api/feeds/refresh</a> — sometimes hangs for seconds</li>
                    </ul>
                    <p><a href="%1$s/dashboard">Open the dashboard</a> (admin / admin)</p>
                    </body></html>
                    """.formatted(ctx));
        }
    }

    /** Fast: a constant answer. */
    static final class LanguagesServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            json(resp, "[\"de\",\"en\",\"es\",\"fr\",\"it\",\"nl\"]");
        }
    }

    /**
     * Extra milliseconds of the recommended articles, 0 unless a test or demo injects a slowdown (the alert
     * end-to-end test makes the endpoint break its 500 ms rule this way).
     */
    static volatile long injectedDelayMillis;

    /** Slow: 150-300 ms of "recommendation" work. */
    static final class RecommendedArticlesServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            sleep(150 + ThreadLocalRandom.current().nextInt(150) + injectedDelayMillis);
            json(resp, "{\"articles\":[{\"id\":1,\"title\":\"Le monde\"},{\"id\":2,\"title\":\"El pais\"}]}");
        }
    }

    /**
     * O(n) in the user's bookmarks, as the seed's §3.3 example: some users have ten, some ten thousand,
     * so the per-user box plots differ while the endpoint's mean hides it.
     */
    static final class BookmarksServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = ExampleApp.userOf(req);
            int bookmarks = bookmarksOf(user);
            sleep(2 + bookmarks / 200 + ThreadLocalRandom.current().nextInt(5));
            json(resp, "{\"user\":" + (user == null ? "null" : "\"" + user.replace("\"", "") + "\"")
                    + ",\"bookmarks\":" + bookmarks + "}");
        }
    }

    /** How many bookmarks the user has: the same user always the same, from 10 to 7,010. */
    static int bookmarksOf(String user) {
        return user == null ? 10 : 10 + Math.floorMod(user.hashCode(), 8) * 1_000;
    }

    /** A path variable: {@code /api/users/{id}}; 404 for ids that are not numbers. */
    static final class UserProfileServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String id = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
            if (!id.matches("\\d{1,9}")) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such user");
                return;
            }
            sleep(5 + ThreadLocalRandom.current().nextInt(10));
            json(resp, "{\"id\":" + id + ",\"name\":\"user" + id + "\"}");
        }
    }

    /** Fails now and then: 8 % server errors (an exception), 4 % rejected input. */
    static final class UploadServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int dice = ThreadLocalRandom.current().nextInt(100);
            sleep(20 + ThreadLocalRandom.current().nextInt(30));
            if (dice < 8) {
                throw new IllegalStateException("upload storage unavailable");
            }
            if (dice < 12) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "malformed activity data");
                return;
            }
            json(resp, "{\"stored\":true}");
        }
    }

    /** Usually quick, but 3 % of calls hang for 2-5 s on a "remote feed": the outliers. */
    static final class RefreshFeedsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            sleep(random.nextInt(100) < 3 ? 2_000 + random.nextInt(3_000) : 20 + random.nextInt(20));
            json(resp, "{\"refreshed\":3}");
        }
    }
}

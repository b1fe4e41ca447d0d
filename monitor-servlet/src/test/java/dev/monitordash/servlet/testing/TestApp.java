package dev.monitordash.servlet.testing;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The monitored application of the container tests: one servlet per kind of endpoint (exact and path
 * mappings, a POST, a failing one, async ones, a default servlet answering 404) and an error page.
 */
public final class TestApp implements AutoCloseable {

    public static final long SLOW_ASYNC_MILLIS = 200;
    public static final long ASYNC_TIMEOUT_MILLIS = 100;

    /** The exception the failing servlet threw last, and the one the container's error page received. */
    public final AtomicReference<Throwable> thrown = new AtomicReference<>();
    public final AtomicReference<Throwable> seenByErrorPage = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final ScheduledExecutorService worker = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "test-app-async");
        t.setDaemon(true);
        return t;
    });

    public void install(EmbeddedServer server) {
        server.addServlet("hello", text(200, "hello"), "/hello");
        server.addServlet("quiet", text(200, "quiet"), "/quiet");
        server.addServlet("users", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                if ("/missing".equals(req.getPathInfo())) {
                    resp.sendError(404, "no such user");
                } else {
                    write(resp, 200, "user " + req.getPathInfo());
                }
            }
        }, "/users/*");
        server.addServlet("orders", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                byte[] body = req.getInputStream().readAllBytes();
                write(resp, 201, "created " + body.length);
            }
        }, "/orders");
        server.addServlet("fail", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                IllegalStateException e = new IllegalStateException("failure #" + failures.incrementAndGet());
                thrown.set(e);
                throw e;
            }
        }, "/fail");
        server.addServlet("handled", new HttpServlet() {
            // As a framework's error handling does: the exception is caught, the 5xx answered by the
            // application, and the exception left in the specification's attribute.
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    lookUp(req.getParameter("id"));
                } catch (IllegalArgumentException e) {
                    req.setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
                    write(resp, 503, "unavailable");
                }
            }

            private void lookUp(String id) {
                throw new IllegalArgumentException("no stock for item " + id + " (password=hunter2)");
            }
        }, "/handled");
        server.addServlet("error-page", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                Throwable seen = (Throwable) req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
                seenByErrorPage.set(seen);
                write(resp, 500, "error page saw: " + (seen == null ? null : seen.getMessage()));
            }
        }, "/error");
        server.addErrorPage(IllegalStateException.class, "/error");
        server.addServlet("async-slow", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                worker.schedule(() -> complete(async, 200, "done"), SLOW_ASYNC_MILLIS, TimeUnit.MILLISECONDS);
            }
        }, "/async");
        server.addServlet("async-quick", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                // Completes at once from another thread: races with the filter's isAsyncStarted() check.
                worker.execute(() -> complete(async, 200, "quick"));
            }
        }, "/async-quick");
        server.addServlet("async-timeout", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                req.startAsync().setTimeout(ASYNC_TIMEOUT_MILLIS);
            }
        }, "/async-timeout");
        server.addServlet("async-fail", new HttpServlet() {
            // Starts async work that dispatches back here, and the dispatch throws: the container reports
            // it to the async listeners' onError, then completes the request with a 500.
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                if (req.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
                    throw new IllegalStateException("async work failed");
                }
                AsyncContext async = req.startAsync();
                worker.execute(async::dispatch);
            }
        }, "/async-fail");
        server.addServlet("default", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(404, "no such page");
            }
        }, "/");
    }

    private static HttpServlet text(int status, String body) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                write(resp, status, body);
            }
        };
    }

    private static void complete(AsyncContext async, int status, String body) {
        try {
            write((HttpServletResponse) async.getResponse(), status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            async.complete();
        }
    }

    private static void write(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

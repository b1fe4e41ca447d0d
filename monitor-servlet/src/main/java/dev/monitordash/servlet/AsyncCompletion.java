package dev.monitordash.servlet;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.outlier.OutlierWatch;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records an asynchronous request when it completes, with the duration from the start of its first
 * dispatch. Everything that reads the request was captured when the first dispatch returned; completion
 * only adds the status and the end time. The container calls {@code onComplete} exactly once, after
 * {@code onError} or {@code onTimeout} if those happened, so that is the one place that records.
 */
final class AsyncCompletion implements AsyncListener {

    private final MonitoringFilter filter;
    private final HttpServletResponse response;
    private final HttpServletMapping mapping;
    private final Endpoint endpoint;
    private final String route;
    private final long startMicros;
    private final long startNanos;
    private final String method;
    private final String user;
    private final String ip;
    private final OutlierWatch watch;
    private final String test;
    private volatile boolean failed;
    private volatile Throwable error;
    private volatile boolean recorded;

    AsyncCompletion(MonitoringFilter filter, HttpServletResponse response, HttpServletMapping mapping,
            Endpoint endpoint, String route, long startMicros, long startNanos, String method, String user,
            String ip, OutlierWatch watch, String test) {
        this.filter = filter;
        this.test = test;
        this.watch = watch;
        this.response = response;
        this.mapping = mapping;
        this.endpoint = endpoint;
        this.route = route;
        this.startMicros = startMicros;
        this.startNanos = startNanos;
        this.method = method;
        this.user = user;
        this.ip = ip;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        long durationNanos = System.nanoTime() - startNanos;
        if (recorded) {
            return;
        }
        recorded = true;
        // Before anything that may fail: the watch must end while the request is still valid.
        boolean outlier = watch != null && watch.finish();
        try {
            int status = response.getStatus();
            // An error that left a success status (e.g. the response was already committed) still failed.
            if (failed && status < 400) {
                status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            }
            filter.record(mapping, endpoint, route, startMicros, durationNanos, method, status, user, ip,
                    outlier ? watch : null, null, test, status >= 500 ? error(event) : null);
        } catch (Throwable t) {
            filter.monitoringFailed(t);
        }
    }

    /**
     * The exception the async work failed with: what the container gave {@code onError} (Tomcat), else the
     * specification's error attribute, which the container sets for its error handling of a dispatch that
     * threw (Jetty does not call {@code onError} for that).
     */
    private Throwable error(AsyncEvent event) {
        if (error != null) {
            return error;
        }
        ServletRequest request = event.getSuppliedRequest();
        Object attribute = request == null ? null : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        return attribute instanceof Throwable t ? t : null;
    }

    @Override
    public void onError(AsyncEvent event) {
        failed = true;
        error = event.getThrowable();
    }

    /** Nothing to do: the container (or the app's own listener) sets the status before completing. */
    @Override
    public void onTimeout(AsyncEvent event) {
    }

    /** A new async cycle drops the listeners of the last one unless they register again. */
    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}

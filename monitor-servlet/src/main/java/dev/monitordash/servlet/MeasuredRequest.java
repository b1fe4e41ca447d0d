package dev.monitordash.servlet;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierWatch;
import dev.monitordash.core.profile.ProfiledRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request the filter is measuring, from the start of its first dispatch until that dispatch returns: the
 * endpoint whose level let it in, and the outlier watch and profile running for it. Kept as a request
 * attribute so that a framework that learns the route template during the chain (Spring MVC's handler
 * mapping) can hand it over with {@link MonitoringDashboard#routeMatched}: the route's own level then
 * decides, from that moment, whether the request is watched for outliers and profiled, and under which
 * endpoint's threshold. Before that, only the servlet mapping is known ({@code /} for a DispatcherServlet),
 * and its level would watch every route or none.
 *
 * <p>Only the request's own thread changes it (the watch and the profiler sample that thread), and only
 * while the first dispatch runs; later calls just name the route.
 */
final class MeasuredRequest {

    static final String ATTRIBUTE = MeasuredRequest.class.getName();

    private final MonitoringFilter filter;
    private final HttpServletRequest request;
    private final EndpointRegistry endpoints;
    private final String internalPattern;
    private final Thread thread;
    final Endpoint gate;
    final long startNanos;
    OutlierWatch watch;
    ProfiledRequest profile;
    /** The route template handed over during the chain; null if none was. */
    String route;
    private boolean dispatchReturned;

    MeasuredRequest(MonitoringFilter filter, HttpServletRequest request, EndpointRegistry endpoints,
            String internalPattern, Endpoint gate, long startNanos) {
        this.filter = filter;
        this.request = request;
        this.endpoints = endpoints;
        this.internalPattern = internalPattern;
        this.thread = Thread.currentThread();
        this.gate = gate;
        this.startNanos = startNanos;
    }

    /**
     * The route is known: from now on the route's level applies. A watch or profile started under the gate's
     * endpoint is dropped (its threshold mixed every route of the servlet); the route's own starts when its
     * level asks for it. The watch keeps the request's start, so its deadline is the route's threshold after
     * the request began; the profile covers the request from here on (the security filters ran before).
     */
    void routeKnown(String template) {
        if (template == null || template.equals(route) || template.equals(internalPattern)) {
            return;
        }
        route = template;
        if (dispatchReturned || Thread.currentThread() != thread) {
            return; // an async or error dispatch: the watch and the profiler belong to the first thread
        }
        try {
            switchTo(endpoints.lookup(template));
        } catch (RuntimeException e) {
            filter.monitoringFailed(e); // called from the application's code: never fail it
        }
    }

    private void switchTo(Endpoint endpoint) {
        if (endpoint == gate) {
            return;
        }
        if (watch != null) {
            watch.finish();
            watch = null;
        }
        if (profile != null) {
            profile.finish();
            profile = null;
        }
        int level = endpoint.level();
        if (level >= MonitoringLevel.OUTLIERS) {
            watch = filter.watch(request, endpoint, startNanos);
        }
        if (level >= MonitoringLevel.PROFILER) {
            profile = filter.profile(endpoint);
        }
    }

    /** The first dispatch returned: the watch and profile are the filter's to finish now. */
    void dispatchReturned() {
        dispatchReturned = true;
    }
}

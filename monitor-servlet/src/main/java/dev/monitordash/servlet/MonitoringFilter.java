package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierDetector;
import dev.monitordash.core.outlier.OutlierWatch;
import dev.monitordash.core.profile.ProfiledRequest;
import dev.monitordash.core.profile.Profiler;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.tests.RunningTests;
import dev.monitordash.servlet.client.ClientAddressResolver;
import dev.monitordash.servlet.endpoint.EndpointNaming;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import dev.monitordash.servlet.endpoint.ServletMappings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The hot path: measures every request of an endpoint at level 1 or above and hands one
 * {@link RequestRecord} to the monitor. At level 0 (and for the dashboard's own requests) it costs the
 * endpoint's name and one map lookup before the chain, nothing else.
 *
 * <p>Monitoring never changes what the application does: whatever the chain throws is rethrown as the
 * same instance after it has been counted as status 500, and a failure of the monitoring code itself is
 * swallowed (logged once). Requests that go asynchronous are recorded when they complete, with their full
 * duration. Registered for the REQUEST dispatch only, so one request is one record: an async, forward,
 * include or error dispatch is part of the request already being measured.
 *
 * <p>{@link MonitoringDashboard#bind} registers it; construct it directly only to embed the filter
 * elsewhere (benchmarks, custom registration).
 */
public final class MonitoringFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringFilter.class);

    private final ContextBinding binding;
    // Set once before the first request (constructor or init); the container publishes them safely.
    private Monitor monitor;
    private OutlierDetector outliers;
    private Profiler profiler;
    private EndpointNaming naming;
    private Function<HttpServletRequest, String> groupBy;
    private ClientAddressResolver clientAddress;
    private String internalPattern;
    private volatile boolean failureLogged;

    /**
     * A filter that records into {@code monitor}.
     *
     * @param groupBy          the user (group) of a request; null for the request's principal name
     * @param endpointResolver the application's route names; null for Spring MVC / servlet mappings only
     */
    public MonitoringFilter(Monitor monitor, Function<HttpServletRequest, String> groupBy,
            EndpointResolver endpointResolver) {
        this.binding = null;
        use(monitor, groupBy, endpointResolver);
    }

    /** A filter that takes its monitor from the binding when the container initialises it. */
    MonitoringFilter(ContextBinding binding) {
        this.binding = binding;
    }

    private void use(Monitor m, Function<HttpServletRequest, String> userFunction, EndpointResolver resolver) {
        this.monitor = m;
        this.outliers = m.outliers();
        this.profiler = m.profiler();
        this.groupBy = userFunction;
        this.internalPattern = m.config().dashboardPath() + "/*";
        this.naming = new EndpointNaming(m.endpoints(), resolver, internalPattern);
        this.clientAddress = new ClientAddressResolver(m.config().trustedProxies());
    }

    @Override
    public void init(FilterConfig filterConfig) {
        if (binding != null) {
            Monitor m = binding.monitor();
            if (m == null) {
                LOG.warn("MonitorDash did not start; requests pass through unmeasured");
                return;
            }
            BindingSettings settings = binding.settings();
            use(m, settings.groupBy(), settings.endpointResolver());
        }
        List<String> routes = filterConfig != null ? declareMappedRoutes(filterConfig) : List.of();
        if (binding != null) {
            binding.announce(routes);
        }
    }

    // The rules table lists endpoints before their first request (seed ch. 3.1). Declaring only queues
    // the store write for the writer thread: the container's startup thread never waits for the database.
    private List<String> declareMappedRoutes(FilterConfig filterConfig) {
        List<String> declared = new ArrayList<>();
        try {
            for (Map.Entry<String, String> route : ServletMappings.discover(filterConfig.getServletContext()).entrySet()) {
                if (!route.getKey().equals(internalPattern)) {
                    monitor.declare(route.getKey(), route.getValue());
                    declared.add(route.getKey());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("MonitorDash could not list the servlet mappings; endpoints appear when first requested", e);
        }
        return declared;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        EndpointNaming endpointNaming = naming;
        if (endpointNaming == null || !(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletMapping mapping = null;
        Endpoint endpoint = null;
        try {
            mapping = request.getHttpServletMapping();
            endpoint = endpointNaming.before(request, mapping);
        } catch (Throwable t) {
            monitoringFailed(t);
        }
        if (endpoint == null || endpoint.level() == MonitoringLevel.OFF) {
            chain.doFilter(request, response);
            return;
        }
        long startMicros = System.currentTimeMillis() * 1000L;
        long startNanos = System.nanoTime();
        int level = endpoint.level();
        MeasuredRequest measured = new MeasuredRequest(this, request, monitor.endpoints(), internalPattern, endpoint,
                startNanos);
        measured.watch = level >= MonitoringLevel.OUTLIERS ? watch(request, endpoint, startNanos) : null;
        measured.profile = level >= MonitoringLevel.PROFILER ? profile(endpoint) : null;
        try {
            request.setAttribute(MeasuredRequest.ATTRIBUTE, measured);
        } catch (Throwable t) {
            monitoringFailed(t);
        }
        try {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            afterChain(request, response, mapping, measured, startMicros, t);
            throw t;
        }
        afterChain(request, response, mapping, measured, startMicros, null);
    }

    // Level 3: the profiler's one thread samples this thread's stack until the request ends.
    ProfiledRequest profile(Endpoint endpoint) {
        try {
            return profiler.start(endpoint.name());
        } catch (Throwable t) {
            monitoringFailed(t);
            return null;
        }
    }

    // Level 2: the watchdog captures the request if it is still running at its endpoint's threshold.
    OutlierWatch watch(HttpServletRequest request, Endpoint endpoint, long startNanos) {
        try {
            return outliers.watch(endpoint.name(), startNanos, new OutlierRequestReader(request, clientAddress,
                    monitor.config().outlierMaxFields()));
        } catch (Throwable t) {
            monitoringFailed(t);
            return null;
        }
    }

    private void afterChain(HttpServletRequest request, HttpServletResponse response, HttpServletMapping mapping,
            MeasuredRequest measured, long startMicros, Throwable thrown) {
        boolean threw = thrown != null;
        measured.dispatchReturned();
        Endpoint endpoint = measured.gate;
        long startNanos = measured.startNanos;
        OutlierWatch watch = measured.watch;
        ProfiledRequest profile = measured.profile;
        if (profile != null) {
            profile.finish(); // an async request is profiled during its first dispatch only, and not stored
        }
        boolean async = false;
        try {
            if (!threw && watch != null && request.isAsyncStarted()) {
                watch.leftThread(); // before the thread goes back to the container
            }
            long durationNanos = System.nanoTime() - startNanos;
            String route = naming.routeAfter(request);
            if (route == null) {
                route = measured.route;
            }
            String method = request.getMethod();
            // After the chain, so that a security filter inside it has authenticated the user by now.
            String user = user(request);
            String ip = clientAddress.resolve(request);
            // On the request's first thread: a test's thread-local is only visible here (MockMvc).
            String test = RunningTests.active() ? RunningTests.forRequest(request.getHeader(RunningTests.HEADER)) : null;
            if (!threw && request.isAsyncStarted() && awaitCompletion(request, response, mapping, endpoint, route,
                    startMicros, startNanos, method, user, ip, watch, test)) {
                async = true;
                return;
            }
            boolean outlier = watch != null && watch.finish();
            int status = threw ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            record(mapping, endpoint, route, startMicros, durationNanos, method, status, user, ip,
                    outlier ? watch : null, profile, test, threw ? thrown : errorAttribute(request, status));
        } catch (Throwable t) {
            monitoringFailed(t);
        } finally {
            // Whatever failed above, the watch must end with the request: the container recycles it next.
            if (watch != null && !async) {
                watch.finish();
            }
        }
    }

    private boolean awaitCompletion(HttpServletRequest request, HttpServletResponse response,
            HttpServletMapping mapping, Endpoint endpoint, String route, long startMicros, long startNanos,
            String method, String user, String ip, OutlierWatch watch, String test) {
        AsyncCompletion completion = new AsyncCompletion(this, response, mapping, endpoint, route,
                startMicros, startNanos, method, user, ip, watch, test);
        try {
            AsyncContext async = request.getAsyncContext();
            async.addListener(completion);
            return true;
        } catch (IllegalStateException e) {
            // Completed between isAsyncStarted() and here: nothing will call the listener, record now.
            return false;
        }
    }

    /**
     * A 5xx the application answered itself after catching an exception (a framework's error handling) may
     * say which in the servlet specification's attribute: then its cause is grouped as a thrown one.
     */
    private static Throwable errorAttribute(HttpServletRequest request, int status) {
        if (status < 500) {
            return null;
        }
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        return error instanceof Throwable t ? t : null;
    }

    /** Records a finished request under the endpoint its route and status name, unless that is off. */
    void record(HttpServletMapping mapping, Endpoint measured, String route, long startMicros, long durationNanos,
            String method, int status, String user, String ip, OutlierWatch outlier, ProfiledRequest profile,
            String test, Throwable error) {
        Endpoint endpoint = naming.recordedUnder(measured, route, mapping, status);
        if (endpoint.level() == MonitoringLevel.OFF) {
            return;
        }
        monitor.record(new RequestRecord(endpoint, startMicros, durationNanos, method, status, user, ip, outlier,
                profile, test, error));
    }

    private String user(HttpServletRequest request) {
        Function<HttpServletRequest, String> f = groupBy;
        if (f == null) {
            // getUserPrincipal never creates a session; getSession() would, and cost a cookie.
            Principal principal = request.getUserPrincipal();
            return principal == null ? null : principal.getName();
        }
        try {
            return f.apply(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    void monitoringFailed(Throwable t) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("MonitorDash failed to measure a request; the request itself was served."
                    + " Further failures are logged at debug level.", t);
        } else {
            LOG.debug("MonitorDash failed to measure a request", t);
        }
    }

    @Override
    public void destroy() {
        if (binding != null) {
            binding.close();
        }
    }
}

package dev.monitordash.ui.prometheus;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.metrics.MonitorMetrics;
import dev.monitordash.ui.auth.Tokens;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET <dashboard>/metrics}: the monitor's metrics for Prometheus, in the text format or OpenMetrics as
 * the scraper's {@code Accept} asks (docs/prometheus.md). Answered from memory, never from the store, so it
 * works during a store outage. Off unless {@code monitordash.prometheus.enabled} (then 404). Protected by the
 * bearer token {@code monitordash.prometheus.token} when one is set, else by the dashboard login; refusals are
 * 401 with {@code WWW-Authenticate}, never a redirect to the login page, since the client is a scraper.
 */
public final class ScrapeRoute {

    /** The route's path inside the dashboard. */
    public static final String PATH = "/metrics";

    private static final String BEARER = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"MonitorDash\"");

    private final Optional<MonitorMetrics> metrics;
    private final String token;

    public ScrapeRoute(Monitor monitor) {
        this.metrics = monitor.metrics();
        this.token = monitor.config().prometheusToken().orElse(null);
    }

    /**
     * @param session the request's dashboard session, asked for only when no token is configured
     */
    public void serve(Exchange ex, Supplier<Optional<UserSession>> session) throws IOException {
        MonitorMetrics m = metrics.orElseThrow(() -> new HttpError(404,
                "not found: the Prometheus route is off (" + ConfigKey.PROMETHEUS_ENABLED.property() + ")"));
        authorize(ex, session);
        ex.requireMethod("GET");
        MonitorMetrics.Exposition exposition = m.scrape(ex.request().getHeader("Accept"));
        HttpServletResponse resp = ex.response();
        SecurityHeaders.noStore(resp);
        resp.setStatus(200);
        resp.setContentType(exposition.contentType());
        resp.setHeader("Vary", "Accept, Accept-Encoding");
        if (acceptsGzip(ex.request().getHeader("Accept-Encoding"))) {
            // Prometheus asks for gzip; the JVM metrics alone are some 20 KB of text.
            resp.setHeader("Content-Encoding", "gzip");
            try (GZIPOutputStream gzip = new GZIPOutputStream(resp.getOutputStream())) {
                exposition.writeTo(gzip);
            }
        } else {
            OutputStream out = resp.getOutputStream();
            exposition.writeTo(out);
        }
    }

    private void authorize(Exchange ex, Supplier<Optional<UserSession>> session) {
        if (token == null) {
            if (session.get().isEmpty()) {
                throw new HttpError(401, "login required: log in to the dashboard, or set "
                        + ConfigKey.PROMETHEUS_TOKEN.property() + " for a scraper", CHALLENGE, Map.of());
            }
            return;
        }
        String header = ex.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new HttpError(401, "bearer token required", CHALLENGE, Map.of());
        }
        if (!Tokens.constantTimeEquals(header.substring(BEARER.length()).trim(), token)) {
            throw new HttpError(401, "wrong bearer token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"MonitorDash\", error=\"invalid_token\""), Map.of());
        }
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) {
                return coding.length == 1 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}

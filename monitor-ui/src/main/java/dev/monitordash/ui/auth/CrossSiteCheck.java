package dev.monitordash.ui.auth;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a login comes from another site (login CSRF: another site logging a victim into the attacker's
 * account). Login has no session yet, so no CSRF token; the browser's own headers say where it comes from.
 * Refused, in this order:
 * <ol>
 *   <li>{@code Sec-Fetch-Site: cross-site} or {@code same-site} (a sibling subdomain may be someone else's);</li>
 *   <li>an {@code Origin} naming another host, whatever {@code Sec-Fetch-*} says: browsers without fetch
 *       metadata still send {@code Origin}, and a request whose headers disagree is not to be trusted;</li>
 *   <li>without a usable {@code Origin} (absent, or {@code null}): a {@code Referer} naming another host;</li>
 *   <li>{@code Origin: null} (an opaque origin, such as another site's sandboxed frame) with neither a
 *       {@code Referer} of ours nor {@code Sec-Fetch-Site: same-origin} to vouch for it.</li>
 * </ol>
 * A request with none of these headers is accepted: browsers always send {@code Origin} on a POST, so such
 * a request comes from a script or tool, which is no CSRF risk (it holds no victim's cookies).
 *
 * <p>"Ours" compares host and port, not the scheme, against the {@code Host} header, any
 * {@code X-Forwarded-Host} and the container's server name and port: behind a TLS-terminating proxy the
 * browser says {@code https://dash.example} while the container sees plain HTTP, and this must work
 * without configuration. Trusting the forwarded host costs nothing here: a page of another site cannot
 * make a browser send that header without a CORS preflight the dashboard never grants.
 */
final class CrossSiteCheck {

    private CrossSiteCheck() {
    }

    /** Why the login is refused, or empty when it may proceed. */
    static Optional<String> refusal(HttpServletRequest req) {
        String site = trimmed(req.getHeader("Sec-Fetch-Site"));
        if ("cross-site".equals(site) || "same-site".equals(site)) {
            return Optional.of("the browser says this login comes from another site (Sec-Fetch-Site: " + site + ")");
        }
        String origin = trimmed(req.getHeader("Origin"));
        boolean opaque = "null".equals(origin);
        if (origin != null && !opaque) {
            return isOurs(origin, req) ? Optional.empty()
                    : Optional.of("the login comes from another site (Origin: " + origin + ")");
        }
        String referer = trimmed(req.getHeader("Referer"));
        if (referer != null) {
            return isOurs(referer, req) ? Optional.empty()
                    : Optional.of("the login comes from another site (Referer names another host)");
        }
        if (opaque && !"same-origin".equals(site)) {
            return Optional.of("the login comes from an opaque origin (Origin: null) and nothing says it is ours");
        }
        return Optional.empty();
    }

    private static boolean isOurs(String url, HttpServletRequest req) {
        Optional<HostPort> sender = HostPort.ofUrl(url);
        if (sender.isEmpty()) {
            return false; // not a URL: nothing vouches for it
        }
        for (String authority : ourAuthorities(req)) {
            if (sender.get().matches(authority)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ourAuthorities(HttpServletRequest req) {
        List<String> out = new ArrayList<>(3);
        String host = trimmed(req.getHeader("Host"));
        if (host != null) {
            out.add(host);
        }
        for (Enumeration<String> e = req.getHeaders("X-Forwarded-Host"); e != null && e.hasMoreElements(); ) {
            for (String h : e.nextElement().split(",")) {
                if (!h.isBlank()) {
                    out.add(h.trim());
                }
            }
        }
        String name = req.getServerName();
        if (name != null) {
            out.add((name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + req.getServerPort());
        }
        return out;
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** The host and port a browser names in {@code Origin} or {@code Referer}. */
    private record HostPort(String host, int port, int defaultPort) {

        static Optional<HostPort> ofUrl(String url) {
            try {
                URI u = new URI(url);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                int defaultPort = switch (scheme) {
                    case "https" -> 443;
                    case "http" -> 80;
                    default -> -1;
                };
                if (defaultPort < 0 || u.getHost() == null) {
                    return Optional.empty();
                }
                int port = u.getPort() < 0 ? defaultPort : u.getPort();
                return Optional.of(new HostPort(u.getHost().toLowerCase(Locale.ROOT), port, defaultPort));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        /** {@code authority} is a Host header value: {@code host}, {@code host:port} or {@code [v6]:port}. */
        boolean matches(String authority) {
            Optional<HostPort> ours = ofUrl("http://" + authority);
            if (ours.isEmpty() || !ours.get().host.equals(host)) {
                return false;
            }
            // A Host header without a port means the default port of the scheme the browser used, which
            // behind a proxy the container cannot know: accept the sender's default port then.
            boolean explicitPort = ours.get().port != 80 || authority.endsWith(":80");
            return explicitPort ? ours.get().port == port : port == defaultPort;
        }
    }
}

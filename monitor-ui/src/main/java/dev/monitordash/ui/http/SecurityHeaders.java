package dev.monitordash.ui.http;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every dashboard response carries. The policy allows no inline script or style at all: every
 * page is static HTML plus ES modules and one stylesheet from the dashboard's own asset route, so a
 * value that slipped into the DOM as markup still could not run (JavaMelody's XSS CVEs are the lesson).
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    public static void apply(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
        resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    /** For everything that is not a static asset: pages and API answers are per user and current. */
    public static void noStore(HttpServletResponse resp) {
        resp.setHeader("Cache-Control", "no-store");
    }
}

package dev.monitordash.ui.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot make the
 * browser send it), Path = the dashboard's base path (the host app never sees it), Secure over HTTPS.
 * Written as a raw header so the attributes are exactly these on every container.
 */
public final class SessionCookie {

    public static final String NAME = "MONITORDASH_SESSION";

    private SessionCookie() {
    }

    /**
     * The tokens the request carries: usually one, but a browser may hold a stale cookie of an older
     * mount path beside the current one, and the caller tries each.
     */
    public static List<String> read(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>(1);
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
                tokens.add(c.getValue());
            }
        }
        return tokens;
    }

    public static void set(HttpServletRequest req, HttpServletResponse resp, String basePath, String token) {
        resp.addHeader("Set-Cookie", header(basePath, token, req.isSecure(), false));
    }

    public static void clear(HttpServletRequest req, HttpServletResponse resp, String basePath) {
        resp.addHeader("Set-Cookie", header(basePath, "", req.isSecure(), true));
    }

    static String header(String basePath, String value, boolean secure, boolean expire) {
        StringBuilder sb = new StringBuilder(NAME).append('=').append(value)
                .append("; Path=").append(basePath.isEmpty() ? "/" : basePath)
                .append("; HttpOnly; SameSite=Strict");
        if (secure) {
            sb.append("; Secure");
        }
        if (expire) {
            sb.append("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        return sb.toString();
    }
}

package dev.monitordash.ui.pages;

import dev.monitordash.ui.http.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's HTML pages. Each page is a fragment put into one shared layout (navigation, status
 * line) once at startup. Only our own constant files go into the template: every value from a request
 * or the database reaches the page later, through the JSON API, and is set with {@code textContent}.
 * All links are relative, so pages work under any context path and mount path.
 */
public final class Pages {

    /** Who may open a page and whether the top navigation links to it. */
    public enum Access {
        /** Any logged-in user; linked from the top navigation. */
        NAV,
        /** Any logged-in user; reached through links from other pages (e.g. one endpoint's page). */
        LINKED,
        /** Admins only (guests get 403); linked from the navigation, the link hidden from guests. */
        ADMIN_NAV
    }

    /** A page: its URL name (below the dashboard path), its title and who reaches it how. */
    public record Page(String name, String title, Access access) {

        public boolean inNav() {
            return access != Access.LINKED;
        }

        public boolean adminOnly() {
            return access == Access.ADMIN_NAV;
        }
    }

    /** In navigation order; the first is where the dashboard opens. */
    public static final List<Page> ALL = List.of(
            new Page("overview", "Overview", Access.NAV),
            new Page("traffic", "Traffic", Access.NAV),
            new Page("performance", "Performance", Access.NAV),
            new Page("versions", "Versions", Access.NAV),
            new Page("reporting", "Reporting", Access.NAV),
            new Page("resources", "Resources", Access.NAV),
            new Page("errors", "Errors", Access.NAV),
            new Page("tests", "Tests", Access.NAV),
            new Page("export", "Export", Access.ADMIN_NAV),
            new Page("rules", "Rules", Access.NAV),
            new Page("alerts", "Alerts", Access.NAV),
            new Page("endpoint", "Endpoint", Access.LINKED),
            new Page("outliers", "Outliers", Access.LINKED),
            new Page("profile", "Profile", Access.LINKED));

    private static final String ROOT = "dev/monitordash/ui/pages/";

    private final Map<String, byte[]> rendered = new LinkedHashMap<>();
    private final Map<String, Page> byName = new LinkedHashMap<>();
    private final byte[] login;

    public Pages(ClassLoader loader) {
        String layout = read(loader, "layout.html");
        for (Page page : ALL) {
            String html = layout
                    .replace("{{nav}}", nav(page))
                    .replace("{{title}}", page.title())
                    .replace("{{page}}", page.name())
                    .replace("{{main}}", read(loader, page.name() + ".html"));
            rendered.put(page.name(), html.getBytes(StandardCharsets.UTF_8));
            byName.put(page.name(), page);
        }
        login = read(loader, "login.html").getBytes(StandardCharsets.UTF_8);
    }

    // The navigation comes from ALL, so a new page is one entry there plus its fragment file. Admin-only
    // links start hidden; layout.js shows them to admins (the server refuses guests either way).
    private static String nav(Page current) {
        StringBuilder sb = new StringBuilder();
        for (Page p : ALL) {
            if (!p.inNav()) {
                continue;
            }
            sb.append("      <a href=\"").append(p.name()).append('"');
            if (p.equals(current)) {
                sb.append(" aria-current=\"page\"");
            }
            if (p.adminOnly()) {
                sb.append(" data-admin-only hidden");
            }
            sb.append('>').append(p.title()).append("</a>\n");
        }
        return sb.toString();
    }

    public static String home() {
        return ALL.get(0).name();
    }

    /** The page of a name, e.g. {@code rules}; empty when there is none. */
    public Optional<byte[]> page(String name) {
        return Optional.ofNullable(rendered.get(name));
    }

    /** Whether the page of this name is for admins only. */
    public boolean adminOnly(String name) {
        Page page = byName.get(name);
        return page != null && page.adminOnly();
    }

    public byte[] login() {
        return login;
    }

    public static void write(HttpServletResponse resp, byte[] html) throws IOException {
        SecurityHeaders.noStore(resp);
        resp.setStatus(200);
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(html.length);
        resp.getOutputStream().write(html);
    }

    private static String read(ClassLoader loader, String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard page missing from the classpath: " + ROOT + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard page " + file, e);
        }
    }
}

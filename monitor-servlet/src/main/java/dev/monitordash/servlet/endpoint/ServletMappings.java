package dev.monitordash.servlet.endpoint;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Endpoint names taken from servlet mappings, the same way for a request ({@link #templateOf}) and for
 * the registrations found at startup ({@link #discover}), so that a route declared before its first
 * request and the same route requested later are one endpoint.
 */
public final class ServletMappings {

    private ServletMappings() {
    }

    /**
     * The endpoint name of a request's servlet mapping: the pattern as mapped ({@code /health},
     * {@code /users/*}, {@code *.jsp}, {@code /} for the default servlet); the context root's empty
     * pattern becomes {@code /}. Null when the container gives no mapping.
     */
    public static String templateOf(HttpServletMapping mapping) {
        if (mapping == null) {
            return null;
        }
        if (mapping.getMappingMatch() == MappingMatch.CONTEXT_ROOT) {
            return "/";
        }
        return templateOf(mapping.getPattern());
    }

    /** The endpoint name of a mapping pattern as written in a registration; null for null. */
    public static String templateOf(String pattern) {
        if (pattern == null) {
            return null;
        }
        return pattern.isEmpty() ? "/" : pattern;
    }

    /** True when the request went to the default servlet ({@code /}): no other mapping matched it. */
    public static boolean isDefault(HttpServletMapping mapping) {
        return mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT;
    }

    /**
     * Every mapped route of the context with the name of the servlet serving it, in registration order.
     * When two servlets map patterns that name the same endpoint, the first one is kept, except that the
     * context root's servlet ({@code ""}) names {@code /} rather than the default servlet, which
     * containers register themselves (Jetty's Default404Servlet) and which answers only what no route does.
     */
    public static Map<String, String> discover(ServletContext context) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            for (String pattern : registration.getMappings()) {
                String name = templateOf(pattern);
                if (pattern != null && pattern.isEmpty()) {
                    routes.put(name, registration.getName());
                } else if (name != null) {
                    routes.putIfAbsent(name, registration.getName());
                }
            }
        }
        return routes;
    }
}

package dev.monitordash.servlet.endpoint;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which endpoint a request counts under, in two steps, because the best name is not known before the
 * request ran: Spring MVC sets its matched pattern only while the DispatcherServlet handles the request.
 *
 * <ol>
 *   <li>{@link #before}: the application's resolver, else the servlet mapping. This endpoint's level
 *       decides whether the request is measured at all; at level 0 that is the whole cost (one map
 *       lookup). For a Spring MVC app the DispatcherServlet's mapping ({@code /}) is this gate.</li>
 *   <li>{@link #routeAfter} and {@link #recordedUnder}: after the chain, the application's resolver or
 *       Spring's pattern name the record; a 404 that only the default servlet answered counts under the
 *       one not-found endpoint, and so does a 404 of Spring's catch-all {@code /**} (static resources); and a
 *       route switched to level 0 is measured but not recorded.</li>
 * </ol>
 */
public final class EndpointNaming {

    /** The pattern of Spring Boot's static-resource handler, which every unmapped path reaches. */
    static final String CATCH_ALL = "/**";

    private final EndpointRegistry endpoints;
    private final EndpointResolver application;
    private final String internalPattern;

    /**
     * @param application     the application's resolver; null for none
     * @param internalPattern the dashboard's servlet mapping: never handed to the application's resolver,
     *                        so that a resolver cannot make the dashboard's own requests recorded
     */
    public EndpointNaming(EndpointRegistry endpoints, EndpointResolver application, String internalPattern) {
        this.endpoints = endpoints;
        this.application = application;
        this.internalPattern = internalPattern;
    }

    /** The endpoint whose level decides whether the request is measured. Exactly one map lookup. */
    public Endpoint before(HttpServletRequest request, HttpServletMapping mapping) {
        String name = ServletMappings.templateOf(mapping);
        if (application != null && !internalPattern.equals(name)) {
            String route = ask(application, request);
            if (route != null) {
                name = route;
            }
        }
        return name != null ? endpoints.lookup(name) : endpoints.overflow();
    }

    /** The route template known after the chain (application resolver, then Spring MVC); null if none. */
    public String routeAfter(HttpServletRequest request) {
        if (application != null) {
            String route = ask(application, request);
            if (route != null) {
                return route;
            }
        }
        Object pattern = request.getAttribute(EndpointResolver.SPRING_MVC_PATTERN_ATTRIBUTE);
        return pattern instanceof String s ? s : null;
    }

    /**
     * The endpoint a measured request is recorded under, once its status is known.
     *
     * @param measured the endpoint {@link #before} returned
     * @param route    what {@link #routeAfter} returned
     */
    public Endpoint recordedUnder(Endpoint measured, String route, HttpServletMapping mapping, int status) {
        if (route != null && status == 404 && CATCH_ALL.equals(route)) {
            // Spring Boot's static resources match every path: a 404 there found no route at all.
            return endpoints.notFound();
        }
        if (route != null) {
            return route.equals(measured.name()) ? measured : endpoints.lookup(route);
        }
        if (status == 404 && ServletMappings.isDefault(mapping)) {
            return endpoints.notFound();
        }
        return measured;
    }

    private static String ask(EndpointResolver resolver, HttpServletRequest request) {
        try {
            return resolver.resolve(request);
        } catch (RuntimeException e) {
            // The application's code failed: the request keeps its servlet-mapping name, and runs on.
            return null;
        }
    }
}

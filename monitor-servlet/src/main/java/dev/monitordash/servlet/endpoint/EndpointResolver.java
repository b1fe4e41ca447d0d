package dev.monitordash.servlet.endpoint;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the endpoint a request belongs to by its route template ({@code /users/{id}}), never by its raw
 * URL: a raw URL per user id would grow the endpoint table without bound.
 *
 * <p>The filter asks in this order and takes the first answer that is not null: the application's resolver
 * (set with {@code MonitoringDashboard.configure().endpointResolver(...)}), Spring MVC's matched pattern,
 * then the servlet mapping. It asks the application's resolver before the chain, to choose the monitoring
 * level, and, when it answered null, once more after the chain, because frameworks such as Spring MVC
 * only know the route after they dispatched the request. A resolver that throws counts as no answer.
 */
@FunctionalInterface
public interface EndpointResolver {

    /** Request attribute in which Spring MVC's DispatcherServlet leaves the matched route template. */
    String SPRING_MVC_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    /**
     * The route template of the request, or null to let the next source answer.
     * Called on the request thread for every request: keep it cheap and free of side effects.
     */
    String resolve(HttpServletRequest request);

    /** The route template Spring MVC matched; null before the DispatcherServlet handled the request. */
    static EndpointResolver springMvc() {
        return request -> {
            Object pattern = request.getAttribute(SPRING_MVC_PATTERN_ATTRIBUTE);
            return pattern instanceof String s ? s : null;
        };
    }

    /** The servlet mapping that selected the request's servlet ({@link ServletMappings#templateOf}). */
    static EndpointResolver servletMapping() {
        return request -> ServletMappings.templateOf(request.getHttpServletMapping());
    }
}

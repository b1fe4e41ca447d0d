package dev.monitordash.spring;

import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Hands Spring MVC's matched route template ({@code /owners/{ownerId}/pets/{petId}}) to the monitor as soon
 * as the handler mapping found it, before the controller runs: the level set on that route then decides
 * whether this request is watched for outliers and profiled. The filter in front of the DispatcherServlet
 * only knows the servlet mapping ({@code /}), shared by every route.
 */
final class RouteInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route) {
            MonitoringDashboard.routeMatched(request, route);
        }
        return true;
    }
}

package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;

/**
 * Lists the application's Spring MVC routes in the monitor's endpoints once the application is ready, so
 * that the rules table shows them, and their levels can be set, before their first request. The filter
 * itself only finds servlet mappings, and the DispatcherServlet's {@code /} stands for all of them.
 */
final class RouteDeclarations implements ApplicationListener<ApplicationReadyEvent> {

    private final Monitor monitor;
    private final List<RequestMappingHandlerMapping> mappings;

    RouteDeclarations(Monitor monitor, List<RequestMappingHandlerMapping> mappings) {
        this.monitor = monitor;
        this.mappings = mappings;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String dashboard = monitor.config().dashboardPath();
        for (RequestMappingHandlerMapping mapping : mappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
                for (String pattern : route.getKey().getPatternValues()) {
                    if (!pattern.equals(dashboard) && !pattern.startsWith(dashboard + "/")) {
                        monitor.declare(pattern, route.getValue().getShortLogMessage());
                    }
                }
            }
        }
    }
}

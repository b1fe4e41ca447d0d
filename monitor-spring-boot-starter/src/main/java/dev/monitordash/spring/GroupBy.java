package dev.monitordash.spring;

import jakarta.servlet.http.HttpServletRequest;

import java.util.function.Function;

/**
 * Names the user (group) a request is counted for, as {@code MonitoringDashboard.configure().groupBy(...)}
 * does outside Spring. Declare a bean of this type to replace the default: the user Spring Security
 * authenticated when it is on the class path, else the request's principal. Called once the request is
 * done, on its thread; null means unknown; it must not create a session.
 */
@FunctionalInterface
public interface GroupBy extends Function<HttpServletRequest, String> {
}

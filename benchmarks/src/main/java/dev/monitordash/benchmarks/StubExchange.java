package dev.monitordash.benchmarks;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.MappingMatch;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * A request and a response that answer, from plain fields, exactly what the filter asks on its path; any
 * other call fails loudly (it would mean the filter does more than measured). Wrappers over a throwing
 * proxy keep this to the methods that matter instead of ~150 hand-written ones.
 */
final class StubExchange {

    private StubExchange() {
    }

    static HttpServletRequest request(String pattern) {
        return new Request(pattern);
    }

    static Response response() {
        return new Response();
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName() + " is not part of the measured path");
        }));
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final HttpServletMapping mapping;

        Request(String pattern) {
            super(unsupported(HttpServletRequest.class));
            this.mapping = new Mapping(pattern);
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return mapping;
        }

        // Attributes as a container keeps them, in a map per request: the filter hands its measurement to
        // frameworks through one (MonitoringDashboard.routeMatched), and what that costs belongs in the figure.
        private final Map<String, Object> attributes = new HashMap<>();

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public String getRemoteAddr() {
            return "192.0.2.10";
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        private int status = 200;

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }
    }

    private record Mapping(String getPattern) implements HttpServletMapping {
        @Override
        public String getMatchValue() {
            return getPattern.substring(1);
        }

        @Override
        public String getServletName() {
            return "bench";
        }

        @Override
        public MappingMatch getMappingMatch() {
            return MappingMatch.EXACT;
        }
    }
}

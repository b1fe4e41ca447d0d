package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.version.VersionInfo;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.InMemoryStore;
import dev.monitordash.core.record.RequestRecord;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The filter against a real monitor and an in-memory store; the container is mocked, since what matters
 * here is what the filter does with each answer a container can give.
 */
class MonitoringFilterTest {

    final InMemoryStore store = new InMemoryStore();
    final HttpServletRequest request = mock(HttpServletRequest.class);
    final HttpServletResponse response = mock(HttpServletResponse.class);
    final FilterChain chain = mock(FilterChain.class);
    Monitor monitor;

    MonitoringFilter filter(MonitorConfig.Builder config, Function<HttpServletRequest, String> groupBy,
            EndpointResolver resolver) {
        monitor = Monitor.start(config.build(), VersionInfo.unknown(), store);
        monitor.endpoints().declareInternal(monitor.config().dashboardPath() + "/*");
        return new MonitoringFilter(monitor, groupBy, resolver);
    }

    MonitoringFilter filter() {
        return filter(MonitorConfig.builder(), null, null);
    }

    void mapped(MappingMatch match, String pattern) {
        HttpServletMapping mapping = mock(HttpServletMapping.class);
        when(mapping.getMappingMatch()).thenReturn(match);
        when(mapping.getPattern()).thenReturn(pattern);
        when(request.getHttpServletMapping()).thenReturn(mapping);
        when(request.getMethod()).thenReturn("GET");
        when(request.getRemoteAddr()).thenReturn("192.0.2.1");
        when(response.getStatus()).thenReturn(200);
    }

    RequestRecord onlyRecord() {
        Await.until("the record", Duration.ofSeconds(30), () -> store.size() == 1);
        return store.written().get(0).record();
    }

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    static Stream<Throwable> failures() {
        return Stream.of(new IOException("io"), new ServletException("servlet"),
                new IllegalArgumentException("runtime"), new AssertionError("error"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void rethrowsWhatTheChainThrowsUnchangedAndRecordsStatus500(Throwable failure) throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/pay");
        doThrow(failure).when(chain).doFilter(request, response);

        Throwable thrown = assertThrows(Throwable.class, () -> filter.doFilter(request, response, chain));

        assertSame(failure, thrown);
        RequestRecord r = onlyRecord();
        assertEquals(500, r.status());
        assertEquals("/pay", r.endpoint().name());
    }

    @Test
    void recordsEndpointMethodStatusUserAndClientOfAPlainRequest() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.PATH, "/users/*");
        when(request.getMethod()).thenReturn("DELETE");
        when(response.getStatus()).thenReturn(204);
        when(request.getUserPrincipal()).thenReturn(() -> "alice");

        filter.doFilter(request, response, chain);

        verify(chain, times(1)).doFilter(request, response);
        RequestRecord r = onlyRecord();
        assertEquals("/users/*", r.endpoint().name());
        assertEquals("DELETE", r.method());
        assertEquals(204, r.status());
        assertEquals("alice", r.user());
        assertEquals("192.0.2.1", r.clientIp());
        assertTrue(r.durationNanos() > 0);
        long nowMicros = System.currentTimeMillis() * 1000;
        assertTrue(r.startEpochMicros() <= nowMicros && r.startEpochMicros() > nowMicros - 60_000_000L);
    }

    @Test
    void takesTheUserFromThePrincipalWithoutEverTouchingTheSession() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/hello");

        filter.doFilter(request, response, chain);

        assertNull(onlyRecord().user());
        verify(request).getUserPrincipal();
        verify(request, never()).getSession();
        verify(request, never()).getSession(anyBoolean());
    }

    @Test
    void aThrowingGroupByRecordsNoUserAndTheRequestRunsOn() throws Exception {
        MonitoringFilter filter = filter(MonitorConfig.builder(), r -> {
            throw new IllegalStateException("app bug");
        }, null);
        mapped(MappingMatch.EXACT, "/hello");

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        assertNull(onlyRecord().user());
    }

    @Test
    void atLevelZeroOnlyCallsTheChain() throws Exception {
        MonitoringFilter filter = filter(MonitorConfig.builder().defaultLevel(0), r -> {
            throw new AssertionError("groupBy must not run at level 0");
        }, null);
        mapped(MappingMatch.EXACT, "/hello");

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        verify(request, never()).getMethod();
        verify(request, never()).getRemoteAddr();
        verify(request, never()).isAsyncStarted();
        verify(response, never()).getStatus();
        assertEquals(0, monitor.stats().accepted());
    }

    @Test
    void recordsUnderSpringsPatternWhenTheDispatcherSetItDuringTheChain() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.DEFAULT, "/");
        doAnswer(invocation -> {
            when(request.getAttribute(EndpointResolver.SPRING_MVC_PATTERN_ATTRIBUTE)).thenReturn("/owners/{id}");
            return null;
        }).when(chain).doFilter(request, response);

        filter.doFilter(request, response, chain);

        assertEquals("/owners/{id}", onlyRecord().endpoint().name());
    }

    @Test
    void doesNotRecordASpringRouteSwitchedOff() throws Exception {
        MonitoringFilter filter = filter();
        monitor.declare("/owners/{id}", "OwnerController#show");
        monitor.changeLevel("/owners/{id}", 0);
        mapped(MappingMatch.DEFAULT, "/");
        when(request.getAttribute(EndpointResolver.SPRING_MVC_PATTERN_ATTRIBUTE)).thenReturn("/owners/{id}");

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        assertEquals(0, monitor.stats().accepted());
    }

    @Test
    void countsA404OfTheDefaultServletUnderNotFound() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.DEFAULT, "/");
        when(response.getStatus()).thenReturn(404);

        filter.doFilter(request, response, chain);

        assertEquals(Endpoint.NOT_FOUND_NAME, onlyRecord().endpoint().name());
    }

    @Test
    void countsRoutesBeyondTheEndpointCapUnderTheOverflowEndpoint() throws Exception {
        MonitoringFilter filter = filter(MonitorConfig.builder().maxEndpoints(2), null, r -> r.getRequestURI());
        mapped(MappingMatch.PATH, "/api/*");
        for (String uri : List.of("/a", "/b", "/c", "/d")) {
            when(request.getRequestURI()).thenReturn(uri);
            filter.doFilter(request, response, chain);
        }

        Await.until("four records", Duration.ofSeconds(30), () -> store.size() == 4);
        assertEquals(List.of("/a", "/b", Endpoint.OVERFLOW_NAME, Endpoint.OVERFLOW_NAME),
                store.written().stream().map(w -> w.record().endpoint().name()).toList());
    }

    @Test
    void neverRecordsTheDashboard() throws Exception {
        MonitoringFilter filter = filter(MonitorConfig.builder(), null, r -> "/named-by-app");
        mapped(MappingMatch.PATH, "/dashboard/*");

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        assertEquals(0, monitor.stats().accepted());
    }

    @Test
    void aMonitoringFailureBeforeTheChainStillCallsTheChainOnce() throws Exception {
        MonitoringFilter filter = filter();
        when(request.getHttpServletMapping()).thenThrow(new IllegalStateException("container quirk"));

        filter.doFilter(request, response, chain);

        verify(chain, times(1)).doFilter(request, response);
    }

    @Test
    void aMonitoringFailureAfterTheChainNeverReachesTheApplication() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/hello");
        when(response.getStatus()).thenThrow(new IllegalStateException("response recycled"));

        filter.doFilter(request, response, chain);

        verify(chain, times(1)).doFilter(request, response);
        assertEquals(0, monitor.stats().accepted());
    }

    @Test
    void believesXForwardedForOnlyFromATrustedProxy() throws Exception {
        MonitoringFilter filter = filter(MonitorConfig.builder().trustedProxies(List.of("192.0.2.0/24")), null, null);
        mapped(MappingMatch.EXACT, "/hello");
        when(request.getHeaders("Forwarded")).thenReturn(Collections.emptyEnumeration());
        when(request.getHeaders("X-Forwarded-For")).thenReturn(Collections.enumeration(List.of("203.0.113.5")));

        filter.doFilter(request, response, chain);

        assertEquals("203.0.113.5", onlyRecord().clientIp());
    }

    @Test
    void recordsAnAsyncRequestOnCompleteWithTheStatusAndDurationAtCompletion() throws Exception {
        AsyncContext async = mock(AsyncContext.class);
        AsyncListener listener = listenerOfAsyncRequest(async);
        assertEquals(0, monitor.stats().accepted(), "not recorded before it completes");

        Thread.sleep(50);
        when(response.getStatus()).thenReturn(202);
        listener.onComplete(new AsyncEvent(async));

        RequestRecord r = onlyRecord();
        assertEquals(202, r.status());
        assertTrue(r.durationNanos() >= TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void recordsAnAsyncErrorThatLeftASuccessStatusAs500() throws Exception {
        AsyncContext async = mock(AsyncContext.class);
        AsyncListener listener = listenerOfAsyncRequest(async);

        listener.onError(new AsyncEvent(async, new IOException("client went away")));
        listener.onComplete(new AsyncEvent(async));
        listener.onComplete(new AsyncEvent(async));

        assertEquals(500, onlyRecord().status());
        assertEquals(1, monitor.stats().accepted(), "recorded once");
    }

    @Test
    void staysRegisteredWhenTheApplicationStartsAnotherAsyncCycle() throws Exception {
        AsyncContext second = mock(AsyncContext.class);
        AsyncListener listener = listenerOfAsyncRequest(mock(AsyncContext.class));

        listener.onStartAsync(new AsyncEvent(second));

        verify(second).addListener(listener);
    }

    @Test
    void recordsAtOnceWhenTheAsyncRequestCompletedBeforeTheListenerCouldBeAdded() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/stream");
        when(request.isAsyncStarted()).thenReturn(true);
        when(request.getAsyncContext()).thenThrow(new IllegalStateException("not async any more"));

        filter.doFilter(request, response, chain);

        assertEquals(200, onlyRecord().status());
    }

    @Test
    void passesNonHttpRequestsThrough() throws Exception {
        MonitoringFilter filter = filter();
        jakarta.servlet.ServletRequest plain = mock(jakarta.servlet.ServletRequest.class);
        jakarta.servlet.ServletResponse plainResponse = mock(jakarta.servlet.ServletResponse.class);

        filter.doFilter(plain, plainResponse, chain);

        verify(chain).doFilter(plain, plainResponse);
        verify(chain, never()).doFilter(any(HttpServletRequest.class), any(HttpServletResponse.class));
    }

    /** Filters a request to /stream that went async on {@code async}; the listener the filter added to it. */
    private AsyncListener listenerOfAsyncRequest(AsyncContext async) throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/stream");
        when(request.isAsyncStarted()).thenReturn(true);
        when(request.getAsyncContext()).thenReturn(async);
        filter.doFilter(request, response, chain);
        ArgumentCaptor<AsyncListener> listener = ArgumentCaptor.forClass(AsyncListener.class);
        verify(async).addListener(listener.capture());
        return listener.getValue();
    }

    @Test
    void aRequestFilteredOnARunningTestsThreadCarriesThatTestsNameAsMockMvcsRequestsDo() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/cart");
        dev.monitordash.core.tests.RunningTests.started("shop.CartTest#checkout");
        try {
            filter.doFilter(request, response, chain);
        } finally {
            dev.monitordash.core.tests.RunningTests.finished();
        }
        assertEquals("shop.CartTest#checkout", onlyRecord().test());
    }

    @Test
    void aHeaderNamingNoRunningTestIsNotBelieved() throws Exception {
        MonitoringFilter filter = filter();
        mapped(MappingMatch.EXACT, "/cart");
        when(request.getHeader(dev.monitordash.core.tests.RunningTests.HEADER)).thenReturn("shop.Planted#name");
        filter.doFilter(request, response, chain);
        assertEquals(null, onlyRecord().test());
    }
}

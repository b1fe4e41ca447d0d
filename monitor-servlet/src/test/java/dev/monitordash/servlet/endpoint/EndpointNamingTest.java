package dev.monitordash.servlet.endpoint;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EndpointNamingTest {

    static final String DASHBOARD = "/dashboard/*";
    final EndpointRegistry registry = new EndpointRegistry(100, 1);
    final HttpServletRequest request = mock(HttpServletRequest.class);

    static HttpServletMapping mapping(MappingMatch match, String pattern) {
        HttpServletMapping m = mock(HttpServletMapping.class);
        when(m.getMappingMatch()).thenReturn(match);
        when(m.getPattern()).thenReturn(pattern);
        return m;
    }

    @Test
    void namesEachKindOfServletMappingByItsPattern() {
        assertEquals("/health", ServletMappings.templateOf(mapping(MappingMatch.EXACT, "/health")));
        assertEquals("/users/*", ServletMappings.templateOf(mapping(MappingMatch.PATH, "/users/*")));
        assertEquals("*.jsp", ServletMappings.templateOf(mapping(MappingMatch.EXTENSION, "*.jsp")));
        assertEquals("/", ServletMappings.templateOf(mapping(MappingMatch.DEFAULT, "/")));
        assertEquals("/", ServletMappings.templateOf(mapping(MappingMatch.CONTEXT_ROOT, "")));
        assertNull(ServletMappings.templateOf((HttpServletMapping) null));
    }

    @Test
    void namesByServletMappingWithoutAnApplicationResolver() {
        EndpointNaming naming = new EndpointNaming(registry, null, DASHBOARD);
        Endpoint e = naming.before(request, mapping(MappingMatch.PATH, "/users/*"));
        assertEquals("/users/*", e.name());
        assertSame(e, registry.find("/users/*"));
    }

    @Test
    void anApplicationResolverWinsOverTheServletMapping() {
        EndpointNaming naming = new EndpointNaming(registry, r -> "/users/{id}", DASHBOARD);
        assertEquals("/users/{id}", naming.before(request, mapping(MappingMatch.PATH, "/users/*")).name());
        assertEquals("/users/{id}", naming.routeAfter(request));
    }

    @Test
    void anApplicationResolverThatAnswersNullOrThrowsLeavesTheServletMapping() {
        EndpointNaming silent = new EndpointNaming(registry, r -> null, DASHBOARD);
        EndpointNaming broken = new EndpointNaming(registry, r -> {
            throw new IllegalStateException("bug in the app's resolver");
        }, DASHBOARD);
        assertEquals("/orders", silent.before(request, mapping(MappingMatch.EXACT, "/orders")).name());
        assertEquals("/orders", broken.before(request, mapping(MappingMatch.EXACT, "/orders")).name());
        assertNull(broken.routeAfter(request));
    }

    @Test
    void neverAsksTheApplicationResolverAboutTheDashboard() {
        registry.declareInternal(DASHBOARD);
        EndpointResolver resolver = mock(EndpointResolver.class);
        EndpointNaming naming = new EndpointNaming(registry, resolver, DASHBOARD);

        Endpoint e = naming.before(request, mapping(MappingMatch.PATH, DASHBOARD));

        assertEquals(Endpoint.Kind.INTERNAL, e.kind());
        assertEquals(0, e.level());
        verify(resolver, never()).resolve(request);
    }

    @Test
    void springsPatternIsOnlyReadAfterTheChain() {
        when(request.getAttribute(EndpointResolver.SPRING_MVC_PATTERN_ATTRIBUTE)).thenReturn("/owners/{ownerId}");
        EndpointNaming naming = new EndpointNaming(registry, null, DASHBOARD);
        HttpServletMapping dispatcher = mapping(MappingMatch.DEFAULT, "/");

        Endpoint measured = naming.before(request, dispatcher);
        String route = naming.routeAfter(request);

        assertEquals("/", measured.name(), "the DispatcherServlet's mapping gates the level");
        assertEquals("/owners/{ownerId}", route);
        assertEquals("/owners/{ownerId}", naming.recordedUnder(measured, route, dispatcher, 200).name());
        assertEquals("/owners/{ownerId}", naming.recordedUnder(measured, route, dispatcher, 404).name(),
                "a matched route answering 404 stays its own endpoint");
    }

    @Test
    void anApplicationResolverIsAskedBeforeSpringAfterTheChain() {
        when(request.getAttribute(EndpointResolver.SPRING_MVC_PATTERN_ATTRIBUTE)).thenReturn("/spring");
        assertEquals("/mine", new EndpointNaming(registry, r -> "/mine", DASHBOARD).routeAfter(request));
        assertEquals("/spring", EndpointResolver.springMvc().resolve(request));
    }

    @Test
    void aNotFoundFromTheDefaultServletCountsUnderTheNotFoundEndpoint() {
        EndpointNaming naming = new EndpointNaming(registry, null, DASHBOARD);
        HttpServletMapping fallback = mapping(MappingMatch.DEFAULT, "/");
        Endpoint measured = naming.before(request, fallback);

        assertSame(registry.notFound(), naming.recordedUnder(measured, null, fallback, 404));
        assertSame(measured, naming.recordedUnder(measured, null, fallback, 200));
    }

    @Test
    void aNotFoundOfSpringsCatchAllStaticResourcesCountsUnderTheNotFoundEndpoint() {
        EndpointNaming naming = new EndpointNaming(registry, null, DASHBOARD);
        HttpServletMapping dispatcher = mapping(MappingMatch.DEFAULT, "/");
        Endpoint measured = naming.before(request, dispatcher);

        assertSame(registry.notFound(), naming.recordedUnder(measured, "/**", dispatcher, 404));
        assertEquals("/**", naming.recordedUnder(measured, "/**", dispatcher, 200).name(), "a file served");
        assertEquals("/users/{id}", naming.recordedUnder(measured, "/users/{id}", dispatcher, 404).name(),
                "a route's own 404 stays with the route");
    }

    @Test
    void aNotFoundFromAMappedServletStaysWithItsRoute() {
        EndpointNaming naming = new EndpointNaming(registry, null, DASHBOARD);
        HttpServletMapping users = mapping(MappingMatch.PATH, "/users/*");
        Endpoint measured = naming.before(request, users);
        assertSame(measured, naming.recordedUnder(measured, null, users, 404));
    }

    @Test
    void unnamedRequestsCountUnderTheOverflowEndpoint() {
        assertSame(registry.overflow(), new EndpointNaming(registry, null, DASHBOARD).before(request, null));
    }

    @Test
    void discoversEveryMappingOfEveryServletWithItsServletName() {
        ServletContext context = mock(ServletContext.class);
        Map<String, ServletRegistration> registrations = new LinkedHashMap<>();
        registrations.put("users", registration("users", "/users/*", "/people/*"));
        registrations.put("home", registration("home", ""));
        registrations.put("jsp", registration("jsp", "*.jsp"));
        registrations.put("other-home", registration("other-home", "/"));
        when(context.getServletRegistrations()).thenAnswer(invocation -> registrations);

        Map<String, String> routes = ServletMappings.discover(context);

        assertEquals(Map.of("/users/*", "users", "/people/*", "users", "/", "home", "*.jsp", "jsp"), routes);
    }

    @Test
    void theContextRootServletNamesTheRootEvenWhenTheContainersDefaultServletCameFirst() {
        ServletContext context = mock(ServletContext.class);
        Map<String, ServletRegistration> registrations = new LinkedHashMap<>();
        registrations.put("Default404Servlet", registration("Default404Servlet", "/"));
        registrations.put("index", registration("index", ""));
        when(context.getServletRegistrations()).thenAnswer(invocation -> registrations);

        assertEquals(Map.of("/", "index"), ServletMappings.discover(context));
    }

    static ServletRegistration registration(String name, String... patterns) {
        ServletRegistration r = mock(ServletRegistration.class);
        when(r.getName()).thenReturn(name);
        when(r.getMappings()).thenReturn(List.of(patterns));
        return r;
    }
}

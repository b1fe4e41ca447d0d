package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.servlet.MonitoringDashboard;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * MonitorDash in a Spring Boot servlet application, from the dependency alone (docs/spring-boot.md): a
 * {@link Monitor} configured from {@code monitordash.*} properties, bound to the embedded container with
 * its filter first and its dashboard at {@code monitordash.dashboard.path}, closed with the application
 * context. {@code monitordash.enabled=false} registers nothing; a {@link Monitor} bean of the
 * application's own replaces the configured one (and is bound the same way).
 *
 * <p>Ordered after Spring Boot's security auto-configuration: its default {@code SecurityFilterChain}
 * backs off as soon as any chain exists, so the dashboard's own chain must come after that decision, or an
 * application relying on the default would lose its security.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MonitoringDashboard.class)
@ConditionalOnProperty(prefix = "monitordash", name = "enabled", havingValue = "true", matchIfMissing = true)
public class MonitorDashAutoConfiguration {

    /** Spring Boot's default order of Spring Security's filter ({@code spring.security.filter.order}). */
    static final int DEFAULT_SECURITY_FILTER_ORDER = -100;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Monitor monitordashMonitor(Environment environment, ResourceLoader resources) {
        return Monitor.start(SpringConfigSource.read(environment, resources.getClassLoader()));
    }

    @Bean
    DashboardRegistration monitordashRegistration(Monitor monitor, ObjectProvider<GroupBy> users,
            ObjectProvider<EndpointResolver> endpoints) {
        return new DashboardRegistration(monitor, users.getIfAvailable(), endpoints.getIfAvailable());
    }

    /** Spring MVC: route templates decide the level as soon as they are matched, and are listed at startup. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class SpringMvcRoutes {

        @Bean
        WebMvcConfigurer monitordashRouteInterceptor() {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new RouteInterceptor()).order(Ordered.HIGHEST_PRECEDENCE);
                }
            };
        }

        @Bean
        RouteDeclarations monitordashRouteDeclarations(Monitor monitor,
                ObjectProvider<RequestMappingHandlerMapping> mappings) {
            return new RouteDeclarations(monitor, mappings.orderedStream().toList());
        }
    }

    /** Spring Security: the signed-in user is recorded, although the filter runs before security. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SpringSecurityUsers {

        @Bean
        @ConditionalOnMissingBean(GroupBy.class)
        GroupBy monitordashSecurityUsers() {
            return new SecurityUsers();
        }

        /** Right behind Spring Security's filter, where its context holds the authenticated user. */
        @Bean
        FilterRegistrationBean<Filter> monitordashUserCapture(Environment environment) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(SecurityUsers.capture());
            registration.setName("monitordashUserCapture");
            registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class,
                    DEFAULT_SECURITY_FILTER_ORDER) + 1);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setAsyncSupported(true);
            return registration;
        }
    }

    /**
     * A security filter chain for the dashboard alone, ahead of the application's: the dashboard has its
     * own login, roles and CSRF protection, and Spring Security's would answer its login POST with 403.
     * {@code monitordash.security.dashboard-chain=false} leaves the dashboard to the application's chains.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
    @ConditionalOnBean(type = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
    @ConditionalOnProperty(prefix = "monitordash.security", name = "dashboard-chain", havingValue = "true",
            matchIfMissing = true)
    static class DashboardSecurity {

        /** Before any chain of the application, so that none of them sees the dashboard's requests. */
        static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

        @Bean
        @Order(ORDER)
        SecurityFilterChain monitordashDashboardSecurityFilterChain(HttpSecurity http) throws Exception {
            return http.securityMatcher(new DashboardRequests())
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .requestCache(cache -> cache.disable())
                    .build();
        }
    }
}

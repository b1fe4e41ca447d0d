package dev.monitordash.spring.sample;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot web application with a security filter chain of its own, written the usual way: HTTP
 * Basic, {@code /admin/**} for admins, everything else for signed-in users, CSRF protection on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SampleRoutes.class)
public class SecuredSampleApplication {

    @Bean
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("USER").build(),
                User.withUsername("root").password("{noop}root-pw").roles("USER", "ADMIN").build());
    }
}

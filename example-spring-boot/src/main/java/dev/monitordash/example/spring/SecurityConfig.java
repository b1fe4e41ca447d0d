package dev.monitordash.example.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own security, written as if MonitorDash did not exist: the starter's chain for the
 * dashboard comes before it. Demo users: vet / vet-pw and owner / owner-pw (a form login in the browser,
 * HTTP Basic for curl); /owners/{id}/visits is for vets only, so an owner gets a 403 there.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain clinic(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/owners/*/visits").hasRole("VET")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("vet").password("{noop}vet-pw").roles("VET").build(),
                User.withUsername("owner").password("{noop}owner-pw").roles("OWNER").build());
    }
}

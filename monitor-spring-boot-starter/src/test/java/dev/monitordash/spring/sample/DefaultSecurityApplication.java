package dev.monitordash.spring.sample;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A web application that relies on Spring Boot's default security: no filter chain of its own. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SampleRoutes.class)
public class DefaultSecurityApplication {
}

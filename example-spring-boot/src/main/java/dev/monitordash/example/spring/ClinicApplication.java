package dev.monitordash.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small pet clinic API secured by Spring Security, monitored by MonitorDash through nothing but the
 * starter dependency (see application.properties for the few monitordash.* settings it makes).
 */
@SpringBootApplication
public class ClinicApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClinicApplication.class, args);
    }
}

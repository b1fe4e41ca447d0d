package dev.monitordash.core.store;

import dev.monitordash.core.cleanup.ApplicationLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JDBC drivers of the store's URL that the application's own class loader defined. Loading the
 * driver registers it in DriverManager for the whole JVM (sqlite-jdbc and the PostgreSQL driver do it in
 * a static initialiser), which pins the web application's class loader after an undeploy; Tomcat
 * then deregisters it itself, with a warning on every undeploy. Closing the store deregisters them.
 */
final class OwnDrivers {

    private static final Logger LOG = LoggerFactory.getLogger(OwnDrivers.class);

    private final String url;
    private final ApplicationLoader application;

    OwnDrivers(String url, ApplicationLoader application) {
        this.url = url;
        this.application = application;
    }

    /** Never throws: closing the monitor must go on whatever a driver does. */
    void deregister() {
        // DriverManager only lists drivers this class's loader can see: those of this application.
        List<Driver> own = DriverManager.drivers().filter(d -> application.defined(d.getClass()))
                .filter(this::accepts).collect(Collectors.toList());
        for (Driver driver : own) {
            try {
                DriverManager.deregisterDriver(driver);
                LOG.debug("MonitorDash deregistered the JDBC driver {}", driver.getClass().getName());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("MonitorDash could not deregister the JDBC driver {}: {}", driver.getClass().getName(),
                        e.toString());
            }
        }
    }

    private boolean accepts(Driver driver) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}

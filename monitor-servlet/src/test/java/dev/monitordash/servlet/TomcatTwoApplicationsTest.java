package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.ExplodedWar;
import dev.monitordash.servlet.testing.TomcatWebapps;
import dev.monitordash.servlet.testing.WarContainer;

import java.nio.file.Path;

/** Two WARs in one Tomcat 10.1, bound with no code (zero-line mode: their monitordash.properties). */
class TomcatTwoApplicationsTest extends TwoApplicationsContract {

    @Override
    protected WarContainer start(Path dir) throws Exception {
        return new TomcatWebapps(dir);
    }

    @Override
    protected ExplodedWar prepare(ExplodedWar war) {
        return war;
    }
}

package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.ExplodedWar;
import dev.monitordash.servlet.testing.JettyWebapps;
import dev.monitordash.servlet.testing.WarContainer;
import dev.monitordash.servlet.testing.war.ProbeServlet;

import java.nio.file.Path;

/** Two WARs in one Jetty 12 (ee10), each binding from a listener declared in its web.xml. */
class JettyTwoApplicationsTest extends TwoApplicationsContract {

    @Override
    protected WarContainer start(Path dir) throws Exception {
        return new JettyWebapps();
    }

    @Override
    protected ExplodedWar prepare(ExplodedWar war) {
        return war.withBindingListener(ProbeServlet.Binding.class);
    }
}

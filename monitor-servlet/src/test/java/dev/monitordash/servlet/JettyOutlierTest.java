package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.JettyServer;

import java.nio.file.Path;

class JettyOutlierTest extends OutlierContractTest {

    @Override
    EmbeddedServer newServer(Path baseDir) {
        return new JettyServer();
    }
}

package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.TomcatServer;

import java.nio.file.Path;

class TomcatOutlierTest extends OutlierContractTest {

    @Override
    EmbeddedServer newServer(Path baseDir) {
        return new TomcatServer(baseDir);
    }
}

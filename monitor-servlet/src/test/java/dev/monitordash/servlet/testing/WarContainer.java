package dev.monitordash.servlet.testing;

import java.net.URI;

/** A real servlet container that deploys {@link ExplodedWar}s, each with a class loader of its own. */
public interface WarContainer extends AutoCloseable {

    /** Deploys and starts {@code war} at {@code contextPath}; fails if it did not start. */
    void deployWar(String contextPath, ExplodedWar war) throws Exception;

    /** Stops the application at {@code contextPath} and removes it, as an undeploy does. */
    void undeployWar(String contextPath) throws Exception;

    URI uri(String path);
}

package dev.monitordash.core.query;

import java.io.IOException;

/** Receives exported requests one at a time, as the database cursor delivers them. */
@FunctionalInterface
public interface RequestSink {
    void accept(StoredRequest request) throws IOException;
}

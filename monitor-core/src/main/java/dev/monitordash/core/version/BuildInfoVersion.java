package dev.monitordash.core.version;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Properties;

/**
 * {@code META-INF/build-info.properties}, as Spring Boot's {@code build-info} goal writes it:
 * {@code build.version} names the version, {@code build.time} says when it was built.
 */
final class BuildInfoVersion {

    static final String RESOURCE = "META-INF/build-info.properties";

    private BuildInfoVersion() {
    }

    /** The version in the file; null when it names none. */
    static VersionInfo read(URL url) throws IOException {
        Properties p = BuildFiles.properties(url);
        String version = BuildFiles.value(p, "build.version");
        if (version == null) {
            return null;
        }
        return new VersionInfo(version, null, List.of(), BuildFiles.time(p.getProperty("build.time")),
                VersionInfo.Source.BUILD_INFO);
    }
}

package dev.monitordash.core.version;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.jar.Attributes;

/** {@code Implementation-Version} of the application's own manifest (Maven's jar and war plugins can write it). */
final class ManifestVersion {

    private ManifestVersion() {
    }

    /** The version in the manifest; null when it has none. */
    static VersionInfo read(URL url) throws IOException {
        String version = BuildFiles.manifest(url).getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        if (version == null || version.isBlank()) {
            return null;
        }
        return new VersionInfo(version.trim(), null, List.of(), null, VersionInfo.Source.MANIFEST);
    }
}

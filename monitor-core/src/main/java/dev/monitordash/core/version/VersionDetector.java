package dev.monitordash.core.version;

import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.cleanup.ApplicationLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.nls.NLS;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the running application's version, from the first of these that names one:
 * <ol>
 *   <li>the configured version ({@code monitordash.version});</li>
 *   <li>{@code META-INF/build-info.properties} on the application's class path (Spring Boot's build-info);</li>
 *   <li>{@code git.properties} on the class path (git-commit-id-maven-plugin), see {@link GitPropertiesVersion};</li>
 *   <li>{@code Implementation-Version} of the application's own manifest;</li>
 *   <li>JGit reading HEAD of the configured git directory, or of the first {@code .git} found from the
 *       working directory upward (see {@link GitHead} for how the name is chosen).</li>
 * </ol>
 * The build's files come first because a deployed WAR or Boot jar has no working tree, while in development
 * (running from the IDE or {@code mvn}) they are usually absent and git names the commit being run. None of
 * them, or a repository that cannot be read: {@link VersionInfo#unknown()} and one warning, never an
 * exception — a version is a label on the records, not a reason to stop the host application. A file that
 * cannot be read, or names an unusable version, is skipped with a warning.
 */
public final class VersionDetector {

    private static final Logger LOG = LoggerFactory.getLogger(VersionDetector.class);
    private static final int MAX_NAME_LENGTH = 100; // as monitordash.version

    private final Path workingDir;
    private final Path ceiling;
    private final ApplicationFiles files;
    private final Consumer<String> warning;
    private final Consumer<String> info;

    /** Git only: as below without application files, and without the info line. */
    VersionDetector(Path workingDir, Path ceiling, Consumer<String> warning) {
        this(workingDir, ceiling, ApplicationFiles.NONE, warning, message -> { });
    }

    /**
     * @param workingDir where the upward search for {@code .git} starts, and what a relative git dir is
     *                   resolved against
     * @param ceiling    a directory the upward search does not go above; null for none
     * @param files      the application's class path and manifest
     * @param warning    receives the warnings: a build file skipped, no version found
     * @param info       receives the one line that names the version and where it came from
     */
    VersionDetector(Path workingDir, Path ceiling, ApplicationFiles files, Consumer<String> warning,
            Consumer<String> info) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.ceiling = ceiling;
        this.files = files;
        this.warning = warning;
        this.info = info;
    }

    /**
     * The version for this configuration, from the class path of the current thread's context class loader
     * (the web application's, during startup) and the manifest of the jar {@code java -jar} started.
     * Never throws.
     */
    public static VersionInfo detect(MonitorConfig config) {
        return detect(config, ApplicationFiles.of(Thread.currentThread().getContextClassLoader()));
    }

    /** The version for this configuration and these application files. Never throws. */
    public static VersionInfo detect(MonitorConfig config, ApplicationFiles files) {
        VersionDetector detector = new VersionDetector(Path.of(System.getProperty("user.dir")), null, files,
                LOG::warn, LOG::info);
        return detector.detect(config.appVersion().orElse(null), config.gitDir().orElse(null));
    }

    VersionInfo detect(String configuredVersion, String gitDir) {
        if (configuredVersion != null) {
            info.accept("MonitorDash tags records with version " + configuredVersion + " (configured: "
                    + ConfigKey.VERSION.property() + ")");
            return new VersionInfo(configuredVersion, null, List.of(), null, VersionInfo.Source.CONFIGURED);
        }
        VersionInfo fromBuild = fromFile(files.classPathResource(BuildInfoVersion.RESOURCE), BuildInfoVersion::read);
        if (fromBuild == null) {
            fromBuild = fromFile(files.classPathResource(GitPropertiesVersion.RESOURCE), GitPropertiesVersion::read);
        }
        if (fromBuild == null) {
            fromBuild = fromFile(files.manifest(), ManifestVersion::read);
        }
        if (fromBuild != null) {
            return fromBuild;
        }
        VersionInfo v = fromGit(gitDir);
        if (v.source() == VersionInfo.Source.GIT) {
            info.accept("MonitorDash tags records with version " + v.name() + " (git: commit " + v.commit()
                    + ", committed " + v.commitTime() + ")");
        }
        return v;
    }

    /** A build file's version; null when there is no such file or it names no usable version (warned). */
    private VersionInfo fromFile(URL url, FileReader reader) {
        if (url == null) {
            return null;
        }
        VersionInfo v;
        try {
            v = reader.read(url);
        } catch (IOException | RuntimeException e) {
            warning.accept("MonitorDash cannot read the version in " + url + " (" + e + "); it is skipped");
            return null;
        }
        if (v == null) {
            return null;
        }
        String problem = unusable(v.name());
        if (problem != null) {
            warning.accept("MonitorDash ignores the version in " + url + ": " + problem);
            return null;
        }
        String when = v.commitTime() == null ? ""
                : (v.source() == VersionInfo.Source.BUILD_INFO ? ", built " : ", committed ") + v.commitTime();
        info.accept("MonitorDash tags records with version " + v.name() + " (" + sourceName(v.source()) + ": "
                + url + (v.commit() != null ? ", commit " + v.commit() : "") + when + ")");
        return v;
    }

    /** Null for a usable version name, else why not: the same rule as for monitordash.version. */
    private static String unusable(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            return "longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "it contains control characters";
        }
        if (name.contains("${")) {
            return "'" + name + "' is an unresolved build placeholder (is resource filtering on?)";
        }
        return null;
    }

    private static String sourceName(VersionInfo.Source source) {
        return switch (source) {
            case BUILD_INFO -> "Spring Boot build-info";
            case GIT_PROPERTIES -> "git.properties";
            case MANIFEST -> "manifest Implementation-Version";
            default -> source.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @FunctionalInterface
    private interface FileReader {
        VersionInfo read(URL url) throws IOException;
    }

    private VersionInfo fromGit(String gitDir) {
        String where = gitDir != null ? gitDir : workingDir.toString();
        JGitThreads.beforeUse(ApplicationLoader.ofCurrentThread());
        try {
            FileRepositoryBuilder builder = gitDir != null ? configured(gitDir) : searched();
            if (builder == null) {
                return VersionInfo.unknown();
            }
            try (Repository repo = builder.setMustExist(true).build()) {
                where = repo.getDirectory().toString();
                VersionInfo v = GitHead.read(repo);
                if (v == null) {
                    return unknown("the git repository " + where + " has no commit yet");
                }
                return v;
            }
        } catch (IOException | RuntimeException e) { // JGit throws both on broken repositories
            return unknown("the git repository at " + where + " could not be read (" + e + ")");
        } finally {
            // JGit keeps its messages' locale in an InheritableThreadLocal of this thread (the container's
            // startup thread, which outlives the application): left set, it pins a WAR's class loader
            // after undeploy, and Tomcat warns. The host's own JGit use just finds the default again.
            NLS.clear();
        }
    }

    private FileRepositoryBuilder configured(String gitDir) {
        Path path = workingDir.resolve(gitDir).normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        if (RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED)) {
            return builder.setGitDir(path.toFile());
        }
        if (Files.exists(path.resolve(".git"))) { // a working tree; .git may be a directory or a worktree's file
            return builder.findGitDir(path.toFile());
        }
        unknown(ConfigKey.GIT_DIR.property() + " = " + gitDir + " is not a git repository or working tree"
                + (Files.exists(path) ? "" : " (it does not exist)"));
        return null;
    }

    private FileRepositoryBuilder searched() {
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        if (ceiling != null) {
            builder.addCeilingDirectory(ceiling.toFile());
        }
        builder.findGitDir(workingDir.toFile());
        if (builder.getGitDir() == null) {
            unknown("no git repository was found from " + workingDir + " upward");
            return null;
        }
        return builder;
    }

    private VersionInfo unknown(String why) {
        warning.accept("MonitorDash cannot tell the application's version: the application carries no "
                + BuildInfoVersion.RESOURCE + ", " + GitPropertiesVersion.RESOURCE + " or manifest Implementation-Version,"
                + " and " + why + ". Records are tagged '" + VersionInfo.UNKNOWN + "'; set "
                + ConfigKey.VERSION.property() + " (or " + ConfigKey.VERSION.env() + ") or "
                + ConfigKey.GIT_DIR.property() + ", or have the build write one (docs/configuration.md#versions).");
        return VersionInfo.unknown();
    }
}

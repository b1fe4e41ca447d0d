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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the running application's version: a configured version wins; otherwise JGit reads HEAD of the
 * configured git directory, or of the first {@code .git} found from the working directory upward (see
 * {@link GitHead} for how the name is chosen). Neither, or a repository that cannot be read:
 * {@link VersionInfo#unknown()} and one warning, never an exception — a version is a label on the
 * records, not a reason to stop the host application.
 */
public final class VersionDetector {

    private static final Logger LOG = LoggerFactory.getLogger(VersionDetector.class);

    private final Path workingDir;
    private final Path ceiling;
    private final Consumer<String> warning;

    /**
     * @param workingDir where the upward search for {@code .git} starts, and what a relative git dir is
     *                   resolved against
     * @param ceiling    a directory the upward search does not go above; null for none
     * @param warning    receives the one warning when no version can be found
     */
    VersionDetector(Path workingDir, Path ceiling, Consumer<String> warning) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.ceiling = ceiling;
        this.warning = warning;
    }

    /** The version for this configuration, searching from the JVM's working directory. Never throws. */
    public static VersionInfo detect(MonitorConfig config) {
        VersionDetector detector = new VersionDetector(Path.of(System.getProperty("user.dir")), null, LOG::warn);
        VersionInfo v = detector.detect(config.appVersion().orElse(null), config.gitDir().orElse(null));
        if (v.source() == VersionInfo.Source.GIT) {
            LOG.info("MonitorDash tags records with version {} (commit {}, committed {})",
                    v.name(), v.commit(), v.commitTime());
        }
        return v;
    }

    VersionInfo detect(String configuredVersion, String gitDir) {
        if (configuredVersion != null) {
            return new VersionInfo(configuredVersion, null, List.of(), null, VersionInfo.Source.CONFIGURED);
        }
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
        warning.accept("MonitorDash cannot tell the application's version: " + why + ". Records are tagged '"
                + VersionInfo.UNKNOWN + "'; set " + ConfigKey.VERSION.property() + " (or "
                + ConfigKey.VERSION.env() + ") or " + ConfigKey.GIT_DIR.property() + " to fix this.");
        return VersionInfo.unknown();
    }
}

package dev.monitordash.core.version;

import dev.monitordash.core.config.MonitorConfig;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionDetectorTest {

    private static final Instant COMMIT_TIME = Instant.parse("2024-03-01T10:15:30Z");

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    /** Searches from {@code dir}, never above the test's temp directory (it may sit inside a checkout). */
    private VersionInfo detect(Path dir, String configuredVersion, String gitDir) {
        return new VersionDetector(dir, tmp, warnings::add).detect(configuredVersion, gitDir);
    }

    private static PersonIdent ident(Instant when) {
        return new PersonIdent("Dev", "dev@example.com", when, ZoneOffset.UTC);
    }

    private Git newRepo(Path dir) throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    private RevCommit commit(Git git, String file, Instant when) throws Exception {
        Path work = git.getRepository().getWorkTree().toPath();
        Files.writeString(work.resolve(file), file + when);
        git.add().addFilepattern(file).call();
        return git.commit().setMessage("change " + file).setAuthor(ident(when)).setCommitter(ident(when))
                .setSign(false).call();
    }

    @Test
    void untaggedHeadIsNamedByItsShortHash() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            RevCommit c = commit(git, "a.txt", COMMIT_TIME);
            VersionInfo v = detect(repo, null, null);
            assertEquals(c.name().substring(0, 7), v.name());
            assertEquals(c.name(), v.commit());
            assertEquals(COMMIT_TIME, v.commitTime());
            assertEquals(List.of(), v.tags());
            assertEquals(VersionInfo.Source.GIT, v.source());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void lightweightTagAtHeadNamesTheVersion() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            RevCommit first = commit(git, "a.txt", COMMIT_TIME);
            git.tag().setName("v0.9").setObjectId(first).setAnnotated(false).call();
            commit(git, "b.txt", COMMIT_TIME.plusSeconds(60));
            git.tag().setName("v1.0").setAnnotated(false).call();
            VersionInfo v = detect(repo, null, null);
            assertEquals("v1.0", v.name());
            assertEquals(List.of("v1.0"), v.tags(), "a tag on an older commit does not count");
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void annotatedTagIsPreferredOverLightweight() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            commit(git, "a.txt", COMMIT_TIME);
            git.tag().setName("zzz-build-17").setAnnotated(false).call();
            git.tag().setName("release-2.0").setAnnotated(true).setMessage("2.0").setTagger(ident(COMMIT_TIME)).call();
            VersionInfo v = detect(repo, null, null);
            assertEquals("release-2.0", v.name());
            assertEquals(List.of("release-2.0", "zzz-build-17"), v.tags());
        }
    }

    @Test
    void newestAnnotatedTagThenHighestVersionWins() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            commit(git, "a.txt", COMMIT_TIME);
            git.tag().setName("v2.0.0").setMessage("x").setTagger(ident(COMMIT_TIME.plusSeconds(10))).call();
            git.tag().setName("v2.0.0-rc1").setMessage("x").setTagger(ident(COMMIT_TIME)).call();
            git.tag().setName("v1.9").setAnnotated(false).call();
            git.tag().setName("v1.10").setAnnotated(false).call();
            VersionInfo v = detect(repo, null, null);
            assertEquals("v2.0.0", v.name());
            assertEquals(List.of("v2.0.0", "v2.0.0-rc1", "v1.10", "v1.9"), v.tags());
        }
    }

    @Test
    void findsTheRepositoryFromASubdirectory() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            RevCommit c = commit(git, "a.txt", COMMIT_TIME);
            Path deep = Files.createDirectories(repo.resolve("module/target/classes"));
            assertEquals(c.name(), detect(deep, null, null).commit());
        }
    }

    @Test
    void configuredGitDirMayBeTheWorkingTreeOrTheGitDirectoryOrRelative() throws Exception {
        Path repo = tmp.resolve("app");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        try (Git git = newRepo(repo)) {
            RevCommit c = commit(git, "a.txt", COMMIT_TIME);
            assertEquals(c.name(), detect(elsewhere, null, repo.toString()).commit());
            assertEquals(c.name(), detect(elsewhere, null, repo.resolve(".git").toString()).commit());
            assertEquals(c.name(), detect(elsewhere, null, "../app/.git/").commit());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void followsAGitFileAsInLinkedWorktrees() throws Exception {
        Path repo = tmp.resolve("app");
        Path linked = Files.createDirectories(tmp.resolve("linked"));
        try (Git git = newRepo(repo)) {
            RevCommit c = commit(git, "a.txt", COMMIT_TIME);
            Files.writeString(linked.resolve(".git"), "gitdir: " + repo.resolve(".git") + "\n");
            assertEquals(c.name(), detect(linked, null, null).commit());
            assertEquals(c.name(), detect(tmp, null, linked.toString()).commit());
        }
    }

    @Test
    void configuredVersionWinsOverGit() throws Exception {
        Path repo = tmp.resolve("app");
        try (Git git = newRepo(repo)) {
            commit(git, "a.txt", COMMIT_TIME);
            git.tag().setName("v1.0").call();
            VersionInfo v = detect(repo, "2.1-custom", null);
            assertEquals(new VersionInfo("2.1-custom", null, List.of(), null, VersionInfo.Source.CONFIGURED), v);
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void configuredVersionWinsThroughThePublicEntryPoint() {
        VersionInfo v = VersionDetector.detect(MonitorConfig.builder().appVersion("3.0").build());
        assertEquals("3.0", v.name());
        assertEquals(VersionInfo.Source.CONFIGURED, v.source());
    }

    @Test
    void emptyRepositoryIsUnknownWithOneWarning() throws Exception {
        Path repo = tmp.resolve("empty");
        try (Git ignored = newRepo(repo)) {
            assertEquals(VersionInfo.unknown(), detect(repo, null, null));
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("has no commit yet"), warnings.get(0));
    }

    @Test
    void noRepositoryIsUnknownWithOneWarning() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("not-a-repo/sub"));
        assertEquals(VersionInfo.unknown(), detect(plain, null, null));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("no git repository was found from " + plain), warnings.get(0));
        assertTrue(warnings.get(0).contains("monitordash.version"), warnings.get(0));
    }

    @Test
    void configuredGitDirThatIsNoRepositoryIsUnknownWithOneWarning() {
        VersionInfo v = detect(tmp, null, tmp.resolve("nowhere").toString());
        assertEquals(VersionInfo.unknown(), v);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("monitordash.git.dir"), warnings.get(0));
        assertTrue(warnings.get(0).contains("does not exist"), warnings.get(0));
    }

    @Test
    void brokenRepositoryIsUnknownWithOneWarning() throws Exception {
        Path repo = tmp.resolve("broken");
        try (Git git = newRepo(repo)) {
            commit(git, "a.txt", COMMIT_TIME);
        }
        deleteTree(repo.resolve(".git/objects"));
        Files.createDirectories(repo.resolve(".git/objects"));
        assertEquals(VersionInfo.unknown(), detect(repo, null, null));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("could not be read"), warnings.get(0));
    }

    @Test
    void garbageHeadIsUnknownWithOneWarning() throws Exception {
        Path repo = tmp.resolve("garbage");
        try (Git git = newRepo(repo)) {
            commit(git, "a.txt", COMMIT_TIME);
        }
        Files.writeString(repo.resolve(".git/HEAD"), "\u0000\u0001 not a ref\n");
        assertEquals(VersionInfo.unknown(), detect(repo, null, null));
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void versionOrderComparesNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("v1.9", "v1.10", "v1.2", "v10.0", "v1.10.1", "v01.11"));
        names.sort(GitHead::compareVersionsDescending);
        assertEquals(List.of("v10.0", "v01.11", "v1.10.1", "v1.10", "v1.9", "v1.2"), names);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

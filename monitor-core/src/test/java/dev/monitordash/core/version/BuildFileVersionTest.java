package dev.monitordash.core.version;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions a deployed application's build wrote, read from a real class loader over files in a temporary
 * directory (as a WAR's WEB-INF/classes or a Boot jar's BOOT-INF/classes), and their order before git.
 */
class BuildFileVersionTest {

    private static final String COMMIT = "3f2a9c1d0e5b7a8c9d0e1f2a3b4c5d6e7f8a9b0c";

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<URLClassLoader> loaders = new ArrayList<>();
    private URL manifest;

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader l : loaders) {
            l.close();
        }
    }

    private Path classes() throws IOException {
        return Files.createDirectories(tmp.resolve("app/WEB-INF/classes"));
    }

    private void write(String resource, String content) throws IOException {
        Path file = classes().resolve(resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    /** A class loader over the application's classes (and any jars), whose parent knows none of the files. */
    private ApplicationFiles files(Path... extra) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path p : extra) {
            urls.add(p.toUri().toURL());
        }
        urls.add(classes().toUri().toURL());
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        loaders.add(loader);
        return ApplicationFiles.of(loader, () -> manifest);
    }

    private VersionInfo detect(ApplicationFiles files, String configured) {
        // The git search starts in a directory without a repository, never above the temp dir.
        Path work = tmp.resolve("work");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return detect(files, configured, work);
    }

    private VersionInfo detect(ApplicationFiles files, String configured, Path workingDir) {
        return new VersionDetector(workingDir, tmp, files, warnings::add, infos::add).detect(configured, null);
    }

    private URL manifestWith(String implementationVersion) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (implementationVersion != null) {
            m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        Path file = Files.createDirectories(tmp.resolve("war/META-INF")).resolve("MANIFEST.MF");
        try (OutputStream out = Files.newOutputStream(file)) {
            m.write(out);
        }
        return file.toUri().toURL();
    }

    private static Path jar(Path file, String entry, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        return file;
    }

    @Test
    void springBootBuildInfoNamesTheVersionAndItsBuildTime() throws Exception {
        write("META-INF/build-info.properties", "build.artifact=shop\nbuild.group=com.example\n"
                + "build.name=shop\nbuild.time=2024-03-01T10\\:15\\:30.123Z\nbuild.version=2.4.1\n");

        VersionInfo v = detect(files(), null);

        assertEquals(new VersionInfo("2.4.1", null, List.of(), Instant.parse("2024-03-01T10:15:30.123Z"),
                VersionInfo.Source.BUILD_INFO), v);
        assertEquals(1, infos.size(), infos::toString);
        assertTrue(infos.get(0).contains("version 2.4.1 (Spring Boot build-info: file:"), infos.get(0));
        assertTrue(infos.get(0).contains("META-INF/build-info.properties, built 2024-03-01T10:15:30.123Z"), infos.get(0));
        assertEquals(List.of(), warnings);
    }

    @Test
    void gitPropertiesOfATaggedCommitNameTheHighestTag() throws Exception {
        write("git.properties", "git.branch=main\ngit.commit.id=" + COMMIT + "\ngit.commit.id.abbrev=3f2a9c1\n"
                + "git.commit.time=2024-03-01T11\\:15\\:30+0100\ngit.tags=v1.9,v1.10\ngit.dirty=false\n");

        VersionInfo v = detect(files(), null);

        assertEquals(new VersionInfo("v1.10", COMMIT, List.of("v1.10", "v1.9"), Instant.parse("2024-03-01T10:15:30Z"),
                VersionInfo.Source.GIT_PROPERTIES), v);
        assertTrue(infos.get(0).contains("version v1.10 (git.properties: "), infos.get(0));
        assertTrue(infos.get(0).contains("commit " + COMMIT), infos.get(0));
    }

    @Test
    void gitPropertiesOfAnUntaggedCommitNameItsAbbreviatedId() throws Exception {
        write("git.properties", "git.commit.id=" + COMMIT + "\ngit.commit.id.abbrev=3f2a9c1d\ngit.tags=\n"
                + "git.closest.tag.name=v1.0\ngit.closest.tag.commit.count=3\n"
                + "git.commit.time=2024-03-01T10\\:15\\:30Z\n");

        VersionInfo v = detect(files(), null);

        assertEquals("3f2a9c1d", v.name(), "the plugin's abbreviation, however long it made it");
        assertEquals(List.of(), v.tags(), "a tag three commits back is not this version's");
        assertEquals(Instant.parse("2024-03-01T10:15:30Z"), v.commitTime());
    }

    @Test
    void gitPropertiesWhoseClosestTagIsOnTheCommitNameThatTag() throws Exception {
        write("git.properties", "git.commit.id.full=" + COMMIT + "\ngit.closest.tag.name=release-7\n"
                + "git.closest.tag.commit.count=0\n");

        VersionInfo v = detect(files(), null);

        assertEquals("release-7", v.name());
        assertEquals(COMMIT, v.commit(), "git.commit.id.full is the plugin's name for it in full-id mode");
        assertNull(v.commitTime());
    }

    @Test
    void gitPropertiesWithOnlyTheFullIdNameItsFirstSevenCharacters() throws Exception {
        write("git.properties", "git.commit.id=" + COMMIT + "\ngit.commit.time=yesterday\n");

        VersionInfo v = detect(files(), null);

        assertEquals("3f2a9c1", v.name());
        assertNull(v.commitTime(), "a time in no known form is left out, the version kept");
    }

    @Test
    void manifestImplementationVersionNamesTheVersion() throws Exception {
        manifest = manifestWith("3.0.0-RC2");

        VersionInfo v = detect(files(), null);

        assertEquals(new VersionInfo("3.0.0-RC2", null, List.of(), null, VersionInfo.Source.MANIFEST), v);
        assertTrue(infos.get(0).contains("(manifest Implementation-Version: " + manifest), infos.get(0));
    }

    @Test
    void theSourcesAreTriedInOrderBeforeGit() throws Exception {
        Path repo = tmp.resolve("checkout");
        RevCommit head;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("a.txt"), "a");
            git.add().addFilepattern("a.txt").call();
            PersonIdent dev = new PersonIdent("Dev", "dev@example.com", Instant.parse("2024-01-01T00:00:00Z"),
                    ZoneOffset.UTC);
            head = git.commit().setMessage("a").setAuthor(dev).setCommitter(dev).setSign(false).call();
        }
        write("META-INF/build-info.properties", "build.version=2.4.1\n");
        write("git.properties", "git.commit.id=" + COMMIT + "\ngit.tags=v2.4.1-rc\n");
        manifest = manifestWith("2.4.1-manifest");
        ApplicationFiles files = files();

        assertEquals("configured", detect(files, "configured", repo).name());
        assertEquals(VersionInfo.Source.BUILD_INFO, detect(files, null, repo).source());
        Files.delete(classes().resolve("META-INF/build-info.properties"));
        assertEquals("v2.4.1-rc", detect(files, null, repo).name());
        Files.delete(classes().resolve("git.properties"));
        assertEquals("2.4.1-manifest", detect(files, null, repo).name());
        manifest = manifestWith(null); // a manifest without the attribute, as maven-war-plugin writes by default
        VersionInfo fromGit = detect(files, null, repo);
        assertEquals(VersionInfo.Source.GIT, fromGit.source());
        assertEquals(head.name(), fromGit.commit());
        assertEquals(List.of(), warnings);
        assertEquals(5, infos.size(), "one line per detection, naming the source: " + infos);
        assertTrue(infos.get(0).contains("(configured: monitordash.version)"), infos.get(0));
        assertTrue(infos.get(4).contains("(git: commit " + head.name()), infos.get(4));
    }

    @Test
    void aLibrarysGitPropertiesIsNotTheApplications() throws Exception {
        // Some libraries ship a git.properties; in a WAR they sit in WEB-INF/lib, before or after the app's.
        Path library = jar(tmp.resolve("app/WEB-INF/lib/some-library.jar"), "git.properties",
                "git.commit.id=0000000000000000000000000000000000000000\ngit.tags=library-9.9\n");

        assertEquals(VersionInfo.Source.UNKNOWN, detect(files(library), null).source(),
                "only the library has one: not the application's version");
        write("git.properties", "git.commit.id=" + COMMIT + "\ngit.tags=app-1.0\n");
        assertEquals("app-1.0", detect(files(library), null).name());
    }

    @Test
    void aVersionInABootJarsOwnClassesIsRead() throws Exception {
        // BOOT-INF/classes of a Spring Boot jar: read through a jar: URL, as Boot's class loader serves it.
        Path boot = jar(tmp.resolve("shop.jar"), "META-INF/build-info.properties", "build.version=5.1\n");
        URLClassLoader loader = new URLClassLoader(new URL[] {boot.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        loaders.add(loader);

        VersionInfo v = detect(ApplicationFiles.of(loader, () -> null), null);

        assertEquals("5.1", v.name());
        assertTrue(infos.get(0).contains("jar:file:"), infos.get(0));
    }

    @Test
    void anUnresolvedPlaceholderIsSkippedWithAWarningForTheNextSource() throws Exception {
        write("META-INF/build-info.properties", "build.version=${project.version}\n");
        write("git.properties", "git.commit.id=" + COMMIT + "\n");

        VersionInfo v = detect(files(), null);

        assertEquals("3f2a9c1", v.name());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("unresolved build placeholder"), warnings.get(0));
    }

    @Test
    void aMalformedFileIsSkippedWithAWarningForTheNextSource() throws Exception {
        write("META-INF/build-info.properties", "build.version=\\u00zz\n");
        manifest = manifestWith("1.2.3");

        VersionInfo v = detect(files(), null);

        assertEquals("1.2.3", v.name());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("cannot read the version in"), warnings.get(0));
    }

    @Test
    void filesThatNameNoVersionFallThroughSilently() throws Exception {
        write("META-INF/build-info.properties", "build.artifact=shop\n");
        write("git.properties", "git.branch=main\n");
        manifest = manifestWith("1.2.3");

        assertEquals("1.2.3", detect(files(), null).name());
        assertEquals(List.of(), warnings);
    }

    @Test
    void nothingAnywhereIsUnknownWithAWarningThatNamesTheBuildFiles() throws Exception {
        VersionInfo v = detect(files(), null);

        assertEquals(VersionInfo.unknown(), v);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("git.properties"), warnings.get(0));
        assertTrue(warnings.get(0).contains("monitordash.version"), warnings.get(0));
    }

    @Test
    void theLaunchedJarsManifestIsTheApplicationsOnlyWhenItIsTheWholeClassPath() throws Exception {
        Path jar = tmp.resolve("shop.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifestOf("4.2.0"))) {
            out.putNextEntry(new JarEntry("shop/Main.class"));
            out.closeEntry();
        }
        String classPath = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", jar.toString()); // as java -jar shop.jar sets it
            URL found = ApplicationFiles.launchedJarManifest();
            assertEquals("4.2.0", ManifestVersion.read(found).name());
            System.setProperty("java.class.path", jar + java.io.File.pathSeparator + tmp.resolve("lib.jar"));
            assertNull(ApplicationFiles.launchedJarManifest(), "several entries: none is known to be the app's");
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    private static Manifest manifestOf(String version) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        return m;
    }
}

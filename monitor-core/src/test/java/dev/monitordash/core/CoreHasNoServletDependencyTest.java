package dev.monitordash.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * monitor-core is the framework-neutral engine: no jakarta.servlet type in its sources, its classes or on
 * its class path (issue 2, item 1). The scanner is itself tested on planted violations below, so that these
 * checks cannot pass by looking at the wrong place or by never matching.
 */
class CoreHasNoServletDependencyTest {

    /** monitor-core's own directory, found from where its compiled classes are (target/classes). */
    private static Path moduleDir() throws Exception {
        Path classes = Path.of(Monitor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().getParent();
    }

    @Test
    void mainSourcesReferenceNoServletType() throws Exception {
        Path sources = moduleDir().resolve("src/main/java");
        List<Path> files = ServletReferenceScanner.files(sources, ".java");
        assertTrue(files.contains(sources.resolve("dev/monitordash/core/Monitor.java")), "wrong source root " + sources);
        List<String> found = ServletReferenceScanner.scanSources(sources);
        assertEquals(List.of(), found, "monitor-core must not use jakarta.servlet; move this code to monitor-ui"
                + " or monitor-servlet");
    }

    @Test
    void compiledClassesReferenceNoServletType() throws Exception {
        Path classes = moduleDir().resolve("target/classes");
        List<Path> files = ServletReferenceScanner.files(classes, ".class");
        assertTrue(files.contains(classes.resolve("dev/monitordash/core/Monitor.class")), "wrong class root " + classes);
        assertEquals(List.of(), ServletReferenceScanner.scanClasses(classes),
                "monitor-core classes must not reference jakarta.servlet types");
    }

    @Test
    void servletApiIsNotOnTheClassPath() {
        ClassLoader cl = getClass().getClassLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.servlet.Filter", false, cl));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("jakarta.servlet.http.HttpServletRequest", false, cl));
    }

    @Test
    void sourceScannerFindsImportsAndQualifiedNamesButNotCommentsOrStrings(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("p/Bad.java");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, String.join("\n",
                "package p;",
                "",
                "import jakarta.servlet.Filter;",
                "import static jakarta.servlet.DispatcherType.REQUEST;",
                "",
                "class Bad {",
                "    void f(jakarta .servlet.http.HttpServletRequest r) {}",
                "}"));
        Path fine = dir.resolve("p/Fine.java");
        Files.writeString(fine, String.join("\n",
                "package p;",
                "/** Unlike jakarta.servlet code, this is neutral. */",
                "class Fine {",
                "    // import jakarta.servlet.Filter;",
                "    String s = \"jakarta.servlet.Filter \\\" jakarta.servlet\";",
                "    char c = '\"';",
                "    String t = \"\"\"",
                "        import jakarta.servlet.Filter;",
                "        \"\"\";",
                "    String jakartaServletLike = \"x\"; /* jakarta.servlet",
                "       still a comment */",
                "}"));
        List<String> found = ServletReferenceScanner.scanSources(dir);
        assertEquals(List.of(
                bad + ":3: import jakarta.servlet.Filter;",
                bad + ":4: import static jakarta.servlet.DispatcherType.REQUEST;",
                bad + ":7: void f(jakarta .servlet.http.HttpServletRequest r) {}"), found);
    }

    @Test
    void classScannerFindsAClassThatUsesAServletType(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path api = src.resolve("jakarta/servlet/Filter.java");
        Path user = src.resolve("demo/UsesFilter.java");
        Path clean = src.resolve("demo/Clean.java");
        Files.createDirectories(api.getParent());
        Files.createDirectories(user.getParent());
        Files.writeString(api, "package jakarta.servlet; public interface Filter {}");
        Files.writeString(user, "package demo; public class UsesFilter { Object f(jakarta.servlet.Filter x) { return x; } }");
        Files.writeString(clean, "package demo; public class Clean { String s = \"jakarta.servlet.Filter\"; }");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(), api.toString(), user.toString(), clean.toString());
        assertEquals(0, rc, "test sources should compile");

        List<String> found = ServletReferenceScanner.scanClasses(out.resolve("demo"));
        assertEquals(List.of(out.resolve("demo/UsesFilter.class").toString()), found);
    }
}

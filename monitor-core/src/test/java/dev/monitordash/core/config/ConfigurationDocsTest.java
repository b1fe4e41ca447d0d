package dev.monitordash.core.config;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.security.Passwords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The configuration table in docs/configuration.md (and in README.md, once it carries the same markers)
 * is generated from {@link ConfigKey}; this test fails when they disagree. To regenerate after changing a
 * key: {@code ./mvnw -q -B test -pl monitor-core -Dtest=ConfigurationDocsTest -Dmonitordash.docs.write=true}.
 */
class ConfigurationDocsTest {

    static final String BEGIN = "<!-- BEGIN config-table: generated from ConfigKey, checked by ConfigurationDocsTest -->";
    static final String END = "<!-- END config-table -->";

    /** The Markdown table of every key. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Environment variable | Default | Accepted values | Meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (ConfigKey k : ConfigKey.values()) {
            String def = k.defaultValue().map(v -> "`" + v + "`").orElse(cell(k.shownDefault()));
            sb.append("| `").append(k.property()).append("` | `").append(k.env()).append("` | ").append(def)
                    .append(" | ").append(cell(k.expects())).append(" | ").append(cell(k.description())).append(" |\n");
        }
        return sb.toString();
    }

    /** Markdown would take {@code <iterations>} for an HTML tag and a bar for a column break. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }

    private static Path repoRoot() throws Exception {
        Path classes = Path.of(Monitor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().getParent().getParent();
    }

    @Test
    void docsTableMatchesConfigKey() throws Exception {
        Path docs = repoRoot().resolve("docs/configuration.md");
        assertTrue(Files.isRegularFile(docs), docs + " is missing");
        check(docs);
    }

    @Test
    void readmeTableMatchesConfigKeyWhenItHasOne() throws Exception {
        Path readme = repoRoot().resolve("README.md");
        if (Files.isRegularFile(readme) && Files.readString(readme, StandardCharsets.UTF_8).contains(BEGIN)) {
            check(readme);
        }
    }

    @Test
    void tableHasOneRowPerKey() {
        long rows = table().lines().filter(l -> l.startsWith("| `monitordash.")).count();
        assertEquals(ConfigKey.values().length, rows);
        assertTrue(table().contains("| `monitordash.outlier.constant` | `MONITORDASH_OUTLIER_CONSTANT` | `2.5` |"));
    }

    @Test
    void examplePropertiesFileInDocsIsValid(@TempDir Path work) throws Exception {
        String docs = Files.readString(repoRoot().resolve("docs/configuration.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL).matcher(docs);
        assertTrue(m.find(), "docs/configuration.md has no properties example");
        Files.writeString(work.resolve(ConfigLoader.DEFAULT_FILE), m.group(1), StandardCharsets.UTF_8);
        MonitorConfig c = ConfigLoader.of(Map.of(), Map.of(), work, null).applyTo(MonitorConfig.builder()).build();
        assertTrue(c.sourceOf(ConfigKey.ADMIN_PASSWORD).startsWith("file "));
        assertTrue(Passwords.matches(c.adminPassword().orElseThrow(), "s3cret"), "the example hash is of s3cret");
    }

    @Test
    void everyHashInTheDocsIsOfTheDocumentedPassword() throws Exception {
        String docs = Files.readString(repoRoot().resolve("docs/configuration.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\{pbkdf2}\\d+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+").matcher(docs);
        int hashes = 0;
        while (m.find()) {
            assertTrue(Passwords.matches(m.group(), "s3cret"), m.group());
            hashes++;
        }
        assertTrue(hashes > 0);
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            fail(file + " needs the lines\n" + BEGIN + "\n" + END + "\naround the configuration table");
        }
        String current = text.substring(begin + BEGIN.length(), end).strip() + "\n";
        String expected = table();
        if (current.equals(expected)) {
            return;
        }
        if (Boolean.getBoolean("monitordash.docs.write")) {
            String updated = text.substring(0, begin + BEGIN.length()) + "\n" + expected + text.substring(end);
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current, file + " disagrees with ConfigKey; regenerate with"
                + " -Dtest=ConfigurationDocsTest -Dmonitordash.docs.write=true");
    }
}

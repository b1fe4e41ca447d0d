package dev.monitordash.core.version;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;

/** Reading the files builds write a version into: uncached, and lenient about the times in them. */
final class BuildFiles {

    /** git-commit-id-maven-plugin's default date format, e.g. {@code 2024-03-01T10:15:30+0100}. */
    private static final DateTimeFormatter GIT_PLUGIN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private BuildFiles() {
    }

    static Properties properties(URL url) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(open(url), StandardCharsets.ISO_8859_1)) {
            p.load(in); // properties files are ISO-8859-1 with \\u escapes; both plugins write them so
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed: " + e.getMessage(), e);
        }
        return p;
    }

    static Manifest manifest(URL url) throws IOException {
        try (InputStream in = open(url)) {
            return new Manifest(in);
        }
    }

    /**
     * Without the JVM's jar cache: a cached jar file stays open after the read, which keeps a WAR's jar
     * locked (Windows) and its file descriptor open after the application is undeployed.
     */
    private static InputStream open(URL url) throws IOException {
        URLConnection c = url.openConnection();
        c.setUseCaches(false);
        return c.getInputStream();
    }

    /** A time as build plugins write it (ISO-8601 instant or offset, or the git plugin's default); else null. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, GIT_PLUGIN_TIME)) {
            try {
                return OffsetDateTime.parse(s, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /** Trimmed value of a property; null when absent or blank. */
    static String value(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}

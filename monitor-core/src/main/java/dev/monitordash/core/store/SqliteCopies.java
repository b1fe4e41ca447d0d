package dev.monitordash.core.store;

import dev.monitordash.core.config.ConfigKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Which copy of SQLite writes which database file, for the whole JVM. Each web application loads its own
 * sqlite-jdbc and so its own native SQLite; SQLite's POSIX locks belong to the process, so two copies on
 * one file do not exclude each other, and a connection closed by one drops the other's locks: committed
 * rows vanish (docs/storage.md). Monitors whose sqlite-jdbc comes from one class loader (one copy) may
 * share a file; a monitor with another copy is refused.
 *
 * <p>The registry must outlive and be seen across web applications' class loaders, each with its own copy
 * of this class, so it lives in the JVM's system properties (one entry per file while claimed, plain
 * strings that pin no class loader). Its name does not start with {@code monitordash.}: the configuration
 * loader warns about unknown keys there. Files are compared by their real path; two names for one file
 * through a hard link are not recognised.
 */
final class SqliteCopies {

    static final String PROPERTY_PREFIX = "dev.monitordash.sqlite-copy:";

    private SqliteCopies() {
    }

    /**
     * Claims {@code file} for the SQLite copy of {@code sqliteLoader} (the class loader of the
     * sqlite-jdbc the store will use). Never throws.
     *
     * @param service the claiming monitor's service name, so that a refused one can say whose the file is
     */
    static Claim claim(String url, Path file, ClassLoader sqliteLoader, String service) {
        String real = realPath(file);
        String key = PROPERTY_PREFIX + real;
        String copy = identity(sqliteLoader);
        Properties registry = System.getProperties();
        synchronized (registry) {
            Entry held = Entry.parse(registry.getProperty(key));
            if (held != null && !held.copy.equals(copy)) {
                return new Claim(file, null, refusal(url, real, held.service));
            }
            Entry next = held == null ? new Entry(copy, 1, service) : new Entry(copy, held.users + 1, held.service);
            registry.setProperty(key, next.toString());
            return new Claim(file, key, null);
        }
    }

    /** The file's real path, also while the file does not exist yet (then its directory's). */
    static String realPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath().toString();
        } catch (IOException notYet) {
            Path dir = absolute.getParent();
            try {
                return dir == null ? absolute.toString() : dir.toRealPath().resolve(absolute.getFileName()).toString();
            } catch (IOException e) {
                return absolute.toString();
            }
        }
    }

    /** Unique per live class loader: its class and identity hash (a collision needs two loaders at once). */
    private static String identity(ClassLoader loader) {
        return loader == null ? "bootstrap"
                : loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }

    private static String refusal(String url, String file, String owner) {
        String key = ConfigKey.DATABASE.property();
        return "MonitorDash refuses " + key + " = " + url + ": the SQLite file " + file
                + " is already written in this JVM by service '" + owner + "' through another copy of sqlite-jdbc"
                + " (another web application's). Two copies of SQLite in one process do not see each other's"
                + " locks and lose committed rows, so this application's requests are not recorded (dropped and"
                + " counted). Fix: give each application its own file (" + key + "), or put sqlite-jdbc in the"
                + " container's lib/ (one copy for all applications) and give each application a different "
                + ConfigKey.SERVICE.property() + ", or use PostgreSQL";
    }

    /** A held claim (released by {@link #close()}) or a refusal. */
    static final class Claim implements AutoCloseable {
        private final Path file;
        private final String key;
        private final String refusal;
        private boolean released;

        private Claim(Path file, String key, String refusal) {
            this.file = file;
            this.key = key;
            this.refusal = refusal;
        }

        /** Why this monitor may not write the file; empty when the claim is held. */
        Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        Path file() {
            return file;
        }

        /** Releases a held claim once (the store closing: undeploy, redeploy); the last user removes the entry. */
        @Override
        public void close() {
            Properties registry = System.getProperties();
            synchronized (registry) {
                if (key == null || released) {
                    return;
                }
                released = true;
                Entry held = Entry.parse(registry.getProperty(key));
                if (held == null || held.users <= 1) {
                    registry.remove(key);
                } else {
                    registry.setProperty(key, new Entry(held.copy, held.users - 1, held.service).toString());
                }
            }
        }
    }

    /** {@code copy users service}, the service last as it may hold spaces. */
    private record Entry(String copy, int users, String service) {
        static Entry parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(" ", 3);
            try {
                return new Entry(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
            } catch (RuntimeException e) {
                return null; // not ours to read: overwritten
            }
        }

        @Override
        public String toString() {
            return copy + " " + users + " " + service;
        }
    }
}

package dev.monitordash.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a SQLite database really unwritable, for "store down" tests, and writable again.
 *
 * <p>Tests run as root here and in CI, and root ignores file permissions (CAP_DAC_OVERRIDE), so
 * {@code chmod a-w} would not stop a single write. The immutable attribute ({@code chattr +i}) does
 * stop root: writes fail with EPERM even through file descriptors opened before, which is what the
 * store's pooled connections hold. It is set on the database, its -wal file and the directory (so no new
 * file can be created either), not on the -shm file: SQLite maps that one into memory, and a write fault
 * on an immutable mapped page is a SIGBUS that kills the JVM (seen here), which no real outage does.
 * Where the file system or the container refuses the attribute,
 * the fallback is another real failure: a second connection holding SQLite's write lock
 * ({@code BEGIN EXCLUSIVE}), so every write waits for its busy timeout and then fails with SQLITE_BUSY.
 */
public final class UnwritableSqliteFile implements AutoCloseable {

    private final Path database;
    private final List<Path> immutable = new ArrayList<>();
    private Connection lockHolder;

    public UnwritableSqliteFile(Path database) {
        this.database = database;
    }

    public static Path pathOf(String sqliteUrl) {
        return Path.of(sqliteUrl.substring("jdbc:sqlite:".length()));
    }

    /** Whether this run uses the immutable attribute (true) or the write-lock fallback (false). */
    public static boolean immutableAttributeWorks(Path dir) {
        Path probe = dir.resolve("immutable-probe");
        try {
            Files.writeString(probe, "x");
            if (!chattr("+i", probe)) {
                return false;
            }
            try {
                Files.writeString(probe, "y", StandardOpenOption.APPEND);
                return false; // the attribute is accepted but not enforced
            } catch (IOException expected) {
                return true;
            } finally {
                chattr("-i", probe);
            }
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // best effort: the temp dir is cleaned by JUnit
            }
        }
    }

    public void takeDown() throws IOException, SQLException {
        Path dir = database.getParent();
        // -DsqliteLockOutage=true exercises the fallback on a machine where chattr works.
        if (!Boolean.getBoolean("sqliteLockOutage") && immutableAttributeWorks(dir)) {
            for (String suffix : List.of("", "-wal")) {
                Path p = Path.of(database + suffix);
                if (Files.exists(p) && chattr("+i", p)) {
                    immutable.add(p);
                }
            }
            if (chattr("+i", dir)) {
                immutable.add(dir);
            }
            return;
        }
        lockHolder = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement s = lockHolder.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN EXCLUSIVE");
        }
    }

    public void bringBack() throws SQLException {
        for (int i = immutable.size() - 1; i >= 0; i--) {
            chattr("-i", immutable.get(i));
        }
        immutable.clear();
        if (lockHolder != null) {
            try (Statement s = lockHolder.createStatement()) {
                s.execute("ROLLBACK");
            } finally {
                lockHolder.close();
                lockHolder = null;
            }
        }
    }

    /** Always leaves the files writable, so that JUnit can delete its temporary directory. */
    @Override
    public void close() throws SQLException {
        bringBack();
    }

    private static boolean chattr(String flag, Path path) {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no chattr on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

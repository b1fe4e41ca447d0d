package dev.monitordash.core.store;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a SQLite file cannot be written, found by looking at the file system rather than by connecting:
 * SQLite itself only says "unable to open the database file", and a connection attempt waits for the
 * pool's timeout. Checking costs microseconds, so the startup log can name the path and the fix at once.
 */
public final class SqliteLocation {

    private static final String PREFIX = "jdbc:sqlite:";

    private SqliteLocation() {
    }

    /** The database file of a {@code jdbc:sqlite:} URL, absolute; empty for any other URL. */
    public static Optional<Path> fileOf(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = url.substring(PREFIX.length());
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        try {
            return name.isEmpty() ? Optional.empty() : Optional.of(Path.of(name).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * What stands in the way of writing the database of {@code url}, naming the path; empty when nothing
     * visible does (or for a URL that is not SQLite's).
     */
    public static Optional<String> problem(String url) {
        return fileOf(url).flatMap(SqliteLocation::problem);
    }

    static Optional<String> problem(Path file) {
        Path dir = file.getParent();
        if (dir == null) {
            return Optional.of(file + " is not a file name");
        }
        if (Files.isDirectory(file)) {
            return Optional.of(file + " is a directory, not a database file");
        }
        if (!Files.isDirectory(dir)) {
            // SQLite creates the file, never its directories: say which part of the path is wrong.
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    return Optional.of(Files.isDirectory(p)
                            ? "the directory " + dir + " does not exist"
                            : p + " is a file, not a directory, so " + file + " cannot be created");
                }
            }
            return Optional.of("the directory " + dir + " does not exist");
        }
        if (Files.exists(file)) {
            return Files.isWritable(file) ? Optional.empty()
                    : Optional.of(file + " is not writable by this process");
        }
        // SQLite also creates -wal and -shm files beside the database, so the directory must be writable.
        return Files.isWritable(dir) ? Optional.empty()
                : Optional.of("the directory " + dir + " is not writable by this process, so " + file
                        + " cannot be created");
    }
}

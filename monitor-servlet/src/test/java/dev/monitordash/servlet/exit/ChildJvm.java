package dev.monitordash.servlet.exit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.jar.JarFile;

/** A child JVM running a main class of the test class path, with its output lines collected. */
public final class ChildJvm implements AutoCloseable {

    public final Process process;
    public final List<String> out = new CopyOnWriteArrayList<>();
    public final List<String> err = new CopyOnWriteArrayList<>();
    /** The child's latest {@code STATS} line (not kept in {@link #out}: one every 100 ms). */
    public volatile String lastStats;

    private ChildJvm(Process process) {
        this.process = process;
        collect(process.getInputStream(), out, "child-stdout");
        collect(process.getErrorStream(), err, "child-stderr");
    }

    /** Starts {@code main} with this JVM's class path minus the entries {@code drop} matches. */
    public static ChildJvm start(Class<?> main, Predicate<String> drop, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath().stream().filter(drop.negate()).toList()));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /** The test class path, expanded from surefire's manifest-only jar when it uses one. */
    static List<String> classPath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    URL base = Path.of(entry).toUri().toURL();
                    for (String url : cp.trim().split("\\s+")) {
                        out.add(Path.of(URI.create(new URL(base, url).toString())).toString());
                    }
                }
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    /** The first collected stdout line starting with {@code prefix}, waiting for it up to the deadline. */
    public String awaitLine(List<String> lines, String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (line.contains(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child never printed '" + prefix + "'; stdout: " + out + "\nstderr: " + err);
    }

    private void collect(java.io.InputStream in, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("STATS ")) {
                        lastStats = line;
                    } else {
                        into.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

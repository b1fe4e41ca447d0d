package dev.monitordash.benchmarks.peer;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a server's CPU goes, by thread: aggregates the execution samples of JFR recordings (those
 * {@code peer-load.sh} takes with {@code JFR_DIR}) per thread group — request threads (Jetty's
 * {@code qtp…}), {@code monitordash-writer}, the watchdog and its system sampler, the rest — and prints,
 * per group, its share of all samples, its top frames (self: the method on top of the stack), the same
 * with a JDK frame charged to its nearest caller outside the JDK (who asked for the work), and the methods
 * of the two monitors and their libraries on the stack (total: anywhere on it, counted once per sample).
 *
 * <p>Java samples ({@code jdk.ExecutionSample}) are taken from threads running Java code; a thread in native
 * code (SQLite's JNI, a socket call) is sampled apart ({@code jdk.NativeMethodSample}, one thread per
 * period), listed separately: those samples say where such a thread was, not how much CPU it used.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.monitordash.benchmarks.peer.JfrThreads [--top N] FILE.jfr...</pre>
 */
public final class JfrThreads {

    /** Frames of these packages are "ours" for the total (inclusive) list: the monitors and what they call. */
    private static final List<String> OURS = List.of("dev.monitordash.", "org.sqlite.", "com.zaxxer.",
            "net.bull.javamelody.");
    /** The JDK's own code: a sample in it is charged to the nearest caller outside it. */
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final Map<String, Group> groups = new TreeMap<>();
    private long javaSamples;

    private JfrThreads() {
    }

    public static void main(String[] args) throws IOException {
        int top = 12;
        JfrThreads summary = new JfrThreads();
        int files = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--top")) {
                top = Integer.parseInt(args[++i]);
                continue;
            }
            summary.read(Path.of(args[i]));
            files++;
        }
        if (files == 0) {
            System.err.println("usage: JfrThreads [--top N] FILE.jfr...");
            System.exit(2);
        }
        summary.print(top);
    }

    private void read(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                boolean java = type.equals("jdk.ExecutionSample");
                if (!java && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                RecordedThread thread = e.getThread("sampledThread");
                RecordedStackTrace stack = e.getStackTrace();
                if (thread == null || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                Group g = groups.computeIfAbsent(group(thread.getJavaName()), Group::new);
                g.add(stack.getFrames(), java);
                if (java) {
                    javaSamples++;
                }
            }
        }
    }

    /** Thread names as in peer-load.sh's CPU table. */
    static String group(String threadName) {
        String name = threadName == null ? "" : threadName;
        if (name.startsWith("qtp")) {
            return "jetty (request threads, qtp*)";
        }
        if (name.startsWith("monitordash-writer")) {
            return "monitordash-writer";
        }
        if (name.startsWith("monitordash-")) {
            return name; // watchdog, system sampler, profiler
        }
        if (name.startsWith("javamelody") || name.startsWith("Timer")) {
            return "javamelody timer";
        }
        return "other: " + name.replaceAll("[-#]?\\d+$", "");
    }

    private void print(int top) {
        System.out.printf(Locale.ROOT, "%d Java execution samples%n", javaSamples);
        groups.values().stream().sorted(Comparator.comparingLong((Group g) -> g.java).reversed()).forEach(g -> {
            if (g.java == 0 && g.nativeSamples == 0) {
                return;
            }
            System.out.printf(Locale.ROOT, "%n== %s: %d Java samples (%.1f %% of all), %d native samples%n", g.name,
                    g.java, percent(g.java, javaSamples), g.nativeSamples);
            printTop("  top frames (self), % of this thread group's Java samples", g.self, g.java, top);
            printTop("  top frames, the JDK's charged to their caller", g.caller, g.java, top);
            printTop("  our code and libraries on the stack (total)", g.total, g.java, top);
            printTop("  native samples: top frames", g.nativeSelf, g.nativeSamples, Math.min(top, 6));
        });
    }

    private static void printTop(String title, Map<String, Long> counts, long of, int top) {
        if (of == 0 || counts.isEmpty()) {
            return;
        }
        System.out.println(title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(c -> System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", percent(c.getValue(), of),
                        c.getKey()));
    }

    private static double percent(long n, long of) {
        return of == 0 ? 0 : 100.0 * n / of;
    }

    static String name(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    private static boolean ours(String method) {
        return startsWithAny(method, OURS);
    }

    private static boolean startsWithAny(String method, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (method.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static final class Group {
        final String name;
        long java;
        long nativeSamples;
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> caller = new HashMap<>();
        final Map<String, Long> total = new LinkedHashMap<>();
        final Map<String, Long> nativeSelf = new HashMap<>();

        Group(String name) {
            this.name = name;
        }

        void add(List<RecordedFrame> frames, boolean javaSample) {
            if (!javaSample) {
                nativeSamples++;
                nativeSelf.merge(name(frames.get(0)), 1L, Long::sum);
                return;
            }
            java++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            String charged = name(frames.get(0));
            for (RecordedFrame f : frames) {
                String method = name(f);
                if (!startsWithAny(method, JDK)) {
                    charged = method;
                    break;
                }
            }
            caller.merge(charged, 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String method = name(f);
                if (ours(method) && seen.add(method)) {
                    total.merge(method, 1L, Long::sum);
                }
            }
        }
    }
}

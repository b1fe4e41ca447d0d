package dev.monitordash.core.tests;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which test is running, for the monitor to tag the requests a test makes (which endpoints each test hit).
 * The JUnit extension says when a test starts and ends; the filter asks {@link #forRequest} once per
 * request. Three hand-offs, because the request does not always run on the test's thread:
 * <ol>
 *   <li>the test's own thread (MockMvc, or any filter chain called directly): a thread-local;</li>
 *   <li>an HTTP client that sends {@link #HEADER} with the test's name (any server, any thread), believed
 *       only when it names a test running in this JVM, so that no request can plant a name;</li>
 *   <li>otherwise, the one test running in this JVM, when there is exactly one: an embedded server serving
 *       a test that runs alone (the default: JUnit runs tests one at a time). With tests running in
 *       parallel nothing is guessed; the header tells them apart.</li>
 * </ol>
 * In an application without the extension the filter pays one volatile read per request.
 */
public final class RunningTests {

    /** Request header an HTTP client sets to the running test's name ({@link TestNames}). */
    public static final String HEADER = "X-MonitorDash-Test";

    private static volatile boolean active;
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final Map<Thread, String> RUNNING = new ConcurrentHashMap<>();

    private RunningTests() {
    }

    /** The test {@code test} starts on this thread. */
    public static void started(String test) {
        active = true;
        CURRENT.set(test);
        RUNNING.put(Thread.currentThread(), test);
    }

    /** The test running on this thread has ended. */
    public static void finished() {
        CURRENT.remove();
        RUNNING.remove(Thread.currentThread());
    }

    /** Whether a test extension ever ran in this JVM; false in production, where nothing else is asked. */
    public static boolean active() {
        return active;
    }

    /** The running test on this thread, or null. */
    public static String current() {
        return active ? CURRENT.get() : null;
    }

    /**
     * The test a request belongs to, or null.
     *
     * @param header the request's {@link #HEADER}, or null
     */
    public static String forRequest(String header) {
        if (!active) {
            return null;
        }
        String mine = CURRENT.get();
        if (mine != null) {
            return mine;
        }
        if (header != null && RUNNING.containsValue(header)) {
            return header;
        }
        return sole();
    }

    private static String sole() {
        Iterator<String> it = RUNNING.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        String first = it.next();
        while (it.hasNext()) {
            if (!it.next().equals(first)) {
                return null; // two tests at once: which one made the request is unknown
            }
        }
        return first;
    }
}

package dev.monitordash.core.outlier;

import dev.monitordash.core.cleanup.ApplicationLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JNA's "JNA Cleaner" thread, started the first time OSHI (the system sampling of level 2, the resource
 * thread) allocates
 * native memory and kept for 30 s after its last cleanable: after an undeploy it holds the web
 * application's class loader and Tomcat warns that the application "failed to stop it". When the JNA
 * copy is the application's own, nothing else can use it once the application stops, so closing the
 * monitor ends the thread (it ends on interrupt). A JNA shared by the container, or on the JVM's class
 * path, is left alone.
 */
public final class JnaCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(JnaCleaner.class);
    static final String THREAD_CLASS = "com.sun.jna.internal.Cleaner$CleanerThread";

    private JnaCleaner() {
    }

    /** Also called by the monitor after its resource thread, which samples with OSHI too, has ended. */
    public static void stopIfOwnedBy(ApplicationLoader application) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getClass().getName().equals(THREAD_CLASS) && application.defined(t.getClass())) {
                t.interrupt();
                try {
                    t.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LOG.debug("MonitorDash stopped the application's JNA Cleaner thread: {}", t.isAlive() ? "still alive"
                        : "ended");
            }
        }
    }
}

package dev.monitordash.core.version;

import dev.monitordash.core.cleanup.ApplicationLoader;
import org.eclipse.jgit.internal.util.CleanupService;
import org.eclipse.jgit.lib.internal.WorkQueue;

import java.util.concurrent.TimeUnit;

/**
 * What JGit leaves in the JVM once it read HEAD, each of which keeps a web application's class loader,
 * and every class it loaded, alive after an undeploy: its "JGit-WorkQueue" thread (the repository cache
 * schedules an hourly clean-up, and the thread never ends) and a JVM shutdown hook (its clean-up
 * service). When JGit is the application's own copy, nothing else can use it, so the monitor has JGit
 * keep its clean-up to itself (as under OSGi) and ends the queue on close. A JGit shared by the
 * container, or on the JVM's class path, is left alone. Both are JGit internals: should a later JGit
 * move them, an undeploy leaks again, nothing worse.
 */
public final class JGitThreads {

    private static final String THREAD_NAME = "JGit-WorkQueue";

    private JGitThreads() {
    }

    /**
     * Before JGit is first used: JGit's clean-up service, created here, holds its clean-up instead of
     * registering it as a JVM shutdown hook. Its work (deleting lock files, stopping a background save of
     * file-system timestamps) does not arise from reading HEAD.
     */
    static void beforeUse(ApplicationLoader application) {
        if (!application.defined(CleanupService.class)) {
            return;
        }
        try {
            new CleanupService(); // the OSGi entry point: becomes JGit's clean-up service
        } catch (RuntimeException | LinkageError e) {
            // see the class comment
        }
    }

    /** Never throws: closing the monitor goes on whatever JGit does. */
    public static void stopIfOwnedBy(ApplicationLoader application) {
        // A class literal does not initialise the class: a JGit never used starts nothing here.
        if (!application.defined(WorkQueue.class)) {
            return;
        }
        try {
            WorkQueue.getExecutor().shutdownNow();
            WorkQueue.getExecutor().awaitTermination(1, TimeUnit.SECONDS);
            // Terminated is not ended: the worker thread may still be exiting when Tomcat looks (1 in 10).
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(THREAD_NAME) && application.isContextOf(t)) {
                    t.join(1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            // see the class comment
        }
    }
}

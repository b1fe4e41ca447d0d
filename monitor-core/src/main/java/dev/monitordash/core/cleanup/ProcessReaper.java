package dev.monitordash.core.cleanup;

/**
 * The JDK's "process reaper" thread, created when a process is first started (OSHI and JGit run
 * commands), inherits the context class loader of the thread that started the process and, cached for
 * reuse, keeps it: after an undeploy it holds the web application's class loader. The reaper never uses
 * that loader, so the monitor hands it the system class loader on close.
 */
public final class ProcessReaper {

    private static final String NAME = "process reaper";

    private ProcessReaper() {
    }

    public static void release(ApplicationLoader application) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(NAME) && application.isContextOf(t)) {
                try {
                    t.setContextClassLoader(ClassLoader.getSystemClassLoader());
                } catch (SecurityException e) {
                    return; // under a security manager that forbids it: the loader stays until the reaper ends
                }
            }
        }
    }
}

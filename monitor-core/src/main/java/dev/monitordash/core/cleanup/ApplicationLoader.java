package dev.monitordash.core.cleanup;

import java.lang.ref.WeakReference;

/**
 * The class loader of the application a monitor serves, when it is one that is thrown away without the
 * JVM ending: a WAR's web application class loader, a Spring Boot jar's launcher. What the monitor caused
 * to be set up JVM-wide from such a loader (a JDBC driver in DriverManager, JNA's cleaner thread) pins it,
 * and every class it loaded, after an undeploy, so the monitor undoes it on close. When the application
 * runs on the JVM's class path nothing is undone: the JVM is ending, and the host may still use them.
 *
 * <p>Captured as the thread context class loader where the monitor starts: a container sets it to the
 * application's loader while it starts the application. Only things defined by that very loader are
 * touched; a driver or JNA in a container's shared {@code lib/} belongs to every application, not this one.
 */
public final class ApplicationLoader {

    private static final ApplicationLoader NONE = new ApplicationLoader(null);

    // Weak: a monitor living in a container's shared lib/ must not keep an undeployed application's loader.
    private final WeakReference<ClassLoader> loader;

    private ApplicationLoader(ClassLoader loader) {
        this.loader = new WeakReference<>(loader);
    }

    /** The current thread's context class loader, unless the JVM's own class path (or a parent of it). */
    public static ApplicationLoader ofCurrentThread() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null) {
            return NONE;
        }
        for (ClassLoader jvm = ClassLoader.getSystemClassLoader(); jvm != null; jvm = jvm.getParent()) {
            if (jvm == context) {
                return NONE;
            }
        }
        return new ApplicationLoader(context);
    }

    /** True when the thread's context class loader is the application's (it inherited it when created). */
    public boolean isContextOf(Thread thread) {
        ClassLoader l = loader.get();
        return l != null && thread.getContextClassLoader() == l;
    }

    /** True when {@code type} was defined by the application's own, discardable, class loader. */
    public boolean defined(Class<?> type) {
        ClassLoader l = loader.get();
        return l != null && type.getClassLoader() == l;
    }
}

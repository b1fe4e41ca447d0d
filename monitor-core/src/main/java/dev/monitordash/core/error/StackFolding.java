package dev.monitordash.core.error;

import java.util.regex.Pattern;

/**
 * How a stack frame is written into a fingerprint: class and method without file and line (a deploy that
 * moves a line must not make a known cause new), with names the JVM or a framework generates folded to
 * one stable name, and reflection plumbing left out (the same call may or may not go through a generated
 * accessor depending on how warm the JVM is).
 */
final class StackFolding {

    // Java 17 "Foo$$Lambda$123/0x0000000800c0b440", Java 21 "Foo$$Lambda/0x000001f0010c6a00".
    private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$Lambda(\\$\\d+)?(/0x[0-9a-f]+)?");
    // "lambda$handle$3" in the class that declared the lambda: the number is the order of compilation.
    private static final Pattern LAMBDA_METHOD = Pattern.compile("^(lambda\\$.*?)\\$\\d+$");
    // Spring's CGLIB subclasses, Hibernate's and ByteBuddy's proxies, Mockito's mocks: generated suffixes.
    private static final Pattern GENERATED_SUBCLASS = Pattern.compile(
            "(\\$\\$(EnhancerBySpringCGLIB|EnhancerByCGLIB|SpringCGLIB|FastClassBySpringCGLIB|FastClassByCGLIB"
                    + "|MockitoMock|ByteBuddy)\\$\\$[^.]*|\\$(HibernateProxy|ByteBuddy|MockitoMock)\\$[^.]*)");
    // jdk.proxy2.$Proxy45, com.sun.proxy.$Proxy12: a JDK dynamic proxy; its number depends on load order.
    private static final Pattern JDK_PROXY = Pattern.compile("^(?:[a-z0-9_.]+\\.)?\\$Proxy\\d+$");
    private static final Pattern ACCESS_METHOD = Pattern.compile("^access\\$\\d+$");

    private StackFolding() {
    }

    /** True for a frame of reflection or method-handle plumbing, which the fingerprint leaves out. */
    static boolean isPlumbing(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("sun.reflect.")
                || c.startsWith("java.lang.invoke.") || c.equals("java.lang.reflect.Method")
                || c.equals("java.lang.reflect.Constructor") || c.contains("GeneratedMethodAccessor")
                || c.contains("GeneratedConstructorAccessor") || c.contains("$$FastClassBySpringCGLIB$$");
    }

    /** {@code class.method} with generated names folded; never a file name or line number. */
    static String fold(StackTraceElement frame) {
        return foldClass(frame.getClassName()) + "." + foldMethod(frame.getMethodName());
    }

    static String foldClass(String className) {
        if (className.indexOf('$') < 0) {
            return className; // most frames: nothing generated to fold, no regex run
        }
        if (JDK_PROXY.matcher(className).matches()) {
            return "$Proxy";
        }
        String c = LAMBDA_CLASS.matcher(className).replaceAll("\\$\\$Lambda");
        return GENERATED_SUBCLASS.matcher(c).replaceAll("");
    }

    static String foldMethod(String method) {
        if (method.indexOf('$') < 0) {
            return method;
        }
        if (ACCESS_METHOD.matcher(method).matches()) {
            return "access$";
        }
        return LAMBDA_METHOD.matcher(method).replaceFirst("$1");
    }
}

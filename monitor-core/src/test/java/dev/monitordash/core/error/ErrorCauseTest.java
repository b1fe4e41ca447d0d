package dev.monitordash.core.error;

import dev.monitordash.core.outlier.Masking;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorCauseTest {

    private final Masking masking = new Masking(List.of(), List.of());

    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    private static RuntimeException thrown(String message, StackTraceElement... frames) {
        RuntimeException e = new IllegalStateException(message);
        e.setStackTrace(frames);
        return e;
    }

    @Test
    void sameThrowSiteWithOtherLinesAndMessagesIsOneCause() {
        ErrorCause a = ErrorCause.of(thrown("order 17 not found",
                frame("shop.Orders", "find", 40), frame("shop.OrderServlet", "doGet", 12)), masking);
        ErrorCause b = ErrorCause.of(thrown("order 99 not found",
                frame("shop.Orders", "find", 44), frame("shop.OrderServlet", "doGet", 13)), masking);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(32, a.fingerprint().length());
        assertEquals("shop.Orders.find", a.frame());
        assertEquals("order 17 not found", a.message());
    }

    @Test
    void anotherThrowSiteOrClassIsAnotherCause() {
        ErrorCause a = ErrorCause.of(thrown("x", frame("shop.Orders", "find", 40)), masking);
        ErrorCause b = ErrorCause.of(thrown("x", frame("shop.Orders", "save", 40)), masking);
        RuntimeException other = new IllegalArgumentException("x");
        other.setStackTrace(new StackTraceElement[] {frame("shop.Orders", "find", 40)});
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.fingerprint(), ErrorCause.of(other, masking).fingerprint());
    }

    @Test
    void lambdasProxiesAndGeneratedSubclassesAreFoldedAndReflectionLeftOut() {
        ErrorCause a = ErrorCause.of(thrown("x",
                frame("shop.Orders", "lambda$find$3", 40),
                frame("shop.Orders$$Lambda$123/0x0000000800c0b440", "get", -1),
                frame("jdk.proxy2.$Proxy45", "find", -1),
                frame("shop.OrderService$$SpringCGLIB$$0", "find", -1),
                frame("jdk.internal.reflect.GeneratedMethodAccessor12", "invoke", -1),
                frame("java.lang.reflect.Method", "invoke", 568),
                frame("shop.Repo$HibernateProxy$Xy12Ab", "load", -1)), masking);
        ErrorCause b = ErrorCause.of(thrown("x",
                frame("shop.Orders", "lambda$find$7", 41),
                frame("shop.Orders$$Lambda/0x000001f0010c6a00", "get", -1),
                frame("com.sun.proxy.$Proxy12", "find", -1),
                frame("shop.OrderService$$EnhancerBySpringCGLIB$$af31", "find", -1),
                frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
                frame("shop.Repo$HibernateProxy$Qq99", "load", -1)), masking);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals("shop.Orders.lambda$find", a.frame());
    }

    @Test
    void theContainersFramesBelowTheFilterDoNotCount() {
        StackTraceElement filter = frame(ErrorCause.ENTRY, "doFilter", 140);
        ErrorCause onSelector = ErrorCause.of(thrown("x", frame("shop.Orders", "find", 40), filter,
                frame("org.eclipse.jetty.server.HttpChannel", "handle", 1),
                frame("org.eclipse.jetty.io.SelectorManager", "produce", 2)), masking);
        RuntimeException onWorkerThread = thrown("x", frame("shop.Orders", "find", 40), filter,
                frame("org.eclipse.jetty.server.HttpChannel", "handle", 1),
                frame("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "run", 3));
        ErrorCause onWorker = ErrorCause.of(onWorkerThread, masking);
        ErrorCause elsewhere = ErrorCause.of(thrown("x", frame("shop.Other", "find", 40), filter), masking);
        assertEquals(onSelector.fingerprint(), onWorker.fingerprint());
        assertNotEquals(onSelector.fingerprint(), elsewhere.fingerprint());
        assertTrue(ErrorCause.stackOf(onWorkerThread, masking).contains("QueuedThreadPool"), "the stored stack is whole");
    }

    @Test
    void recursionDepthDoesNotMakeANewCause() {
        StackTraceElement walk = frame("shop.Tree", "walk", 20);
        ErrorCause shallow = ErrorCause.of(thrown("x", walk, walk, frame("shop.Api", "get", 3)), masking);
        ErrorCause deep = ErrorCause.of(thrown("x", walk, walk, walk, walk, walk, frame("shop.Api", "get", 3)), masking);
        assertEquals(shallow.fingerprint(), deep.fingerprint());
    }

    @Test
    void causesCountAndTheRootCauseIsNamed() {
        RuntimeException root = thrown("connection refused", frame("db.Pool", "get", 1));
        RuntimeException wrapped = new RuntimeException("query failed", root);
        wrapped.setStackTrace(new StackTraceElement[] {frame("shop.Orders", "find", 40)});
        RuntimeException alone = new RuntimeException("query failed");
        alone.setStackTrace(new StackTraceElement[] {frame("shop.Orders", "find", 40)});
        ErrorCause c = ErrorCause.of(wrapped, masking);
        assertEquals("java.lang.IllegalStateException", c.rootCause());
        assertNull(ErrorCause.of(alone, masking).rootCause());
        assertNotEquals(c.fingerprint(), ErrorCause.of(alone, masking).fingerprint());
        String stack = ErrorCause.stackOf(wrapped, masking);
        assertTrue(stack.contains("Caused by: java.lang.IllegalStateException: connection refused"), stack);
        assertTrue(stack.contains("\tat shop.Orders.find(Orders.java:40)"), stack);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        ErrorCause.of(a, masking);
        assertEquals(2, ErrorCause.stackOf(a, masking).split("java.lang.RuntimeException").length - 1);
    }

    @Test
    void messagesAreMaskedInTheMessageAndTheStack() {
        RuntimeException e = thrown("login failed for user=ann password=hunter2, Authorization: Bearer abc.def",
                frame("shop.Login", "check", 1));
        RuntimeException outer = new RuntimeException("token=s3cr3t rejected", e);
        ErrorCause c = ErrorCause.of(outer, masking);
        assertEquals("token=" + Masking.MASK + " rejected", c.message());
        String stack = ErrorCause.stackOf(outer, masking);
        assertFalse(stack.contains("hunter2"), stack);
        assertFalse(stack.contains("abc.def"), stack);
        assertFalse(stack.contains("s3cr3t"), stack);
        assertTrue(stack.contains("user=ann"), stack);
    }

    @Test
    void aRealLambdaAndARealProxyGiveOneCauseFromTwoCallSites() {
        // The same failing code reached through a real lambda and a real JDK proxy, twice: one cause.
        Supplier<ErrorCause> viaLambda = () -> capture(() -> failingService().run());
        assertEquals(viaLambda.get().fingerprint(), viaLambda.get().fingerprint());
    }

    private ErrorCause capture(Runnable r) {
        try {
            r.run();
            throw new AssertionError("did not throw");
        } catch (IllegalStateException e) {
            return ErrorCause.of(e, masking);
        }
    }

    private static Runnable failingService() {
        InvocationHandler h = (Object proxy, Method m, Object[] args) -> {
            throw new IllegalStateException("service down");
        };
        return (Runnable) Proxy.newProxyInstance(ErrorCauseTest.class.getClassLoader(), new Class<?>[] {Runnable.class}, h);
    }
}

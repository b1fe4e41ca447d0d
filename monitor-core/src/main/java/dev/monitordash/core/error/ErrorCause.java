package dev.monitordash.core.error;

import dev.monitordash.core.outlier.Masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a failed request's exception says about its cause, made on the writer thread: the classes of the
 * exception and of its innermost cause, its message masked, its first frame, a full stack (messages
 * masked) and the fingerprint that groups occurrences of the same cause.
 *
 * <p>The fingerprint hashes, for the exception and each of its causes, the class and the folded frames
 * ({@link StackFolding}): no line numbers, no messages (they carry ids and values), lambdas and generated
 * proxies under one name, reflection left out, a run of the same frame (recursion) as one. Frames below
 * {@link #FRAMES_HASHED} are not hashed: a deep framework stack beneath the failing code says nothing more.
 *
 * @param fingerprint 32 hex digits (128 bits of SHA-256)
 * @param exception   class name of the exception that ended the request
 * @param rootCause   class name of its innermost cause; null when it has none
 * @param message     the exception's message, masked and capped; null when it has none
 * @param frame       its first frame, folded; null for an exception without a stack
 *
 * <p>The stack to store ({@link #stackOf}) is written only for a cause the store does not know yet: it is
 * most of the work (a string per frame), and a known cause keeps its first stack.
 */
public record ErrorCause(String fingerprint, String exception, String rootCause, String message, String frame) {

    /** The servlet module's filter: every request's stack passes it on its way from the container. */
    static final String ENTRY = "dev.monitordash.servlet.MonitoringFilter";

    /** Frames of each exception in the chain that go into the fingerprint. */
    static final int FRAMES_HASHED = 64;
    /** Exceptions of a cause chain looked at (a chain can be a cycle; it is cut at the first repeat too). */
    static final int MAX_CHAIN = 10;
    /** Frames written per exception of the stored stack. */
    static final int FRAMES_STORED = 256;
    /** The stored stack is cut beyond this. */
    static final int MAX_STACK_CHARS = 64 * 1024;

    public static ErrorCause of(Throwable error, Masking masking) {
        List<Throwable> chain = chain(error);
        StringBuilder key = new StringBuilder(2048);
        for (Throwable t : chain) {
            key.append(t.getClass().getName()).append('\n');
            String previous = null;
            int hashed = 0;
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().equals(ENTRY)) {
                    break;
                }
                if (StackFolding.isPlumbing(f)) {
                    continue;
                }
                String folded = StackFolding.fold(f);
                if (folded.equals(previous)) {
                    continue;
                }
                previous = folded;
                key.append(folded).append('\n');
                if (++hashed == FRAMES_HASHED) {
                    break;
                }
            }
            key.append("--\n");
        }
        StackTraceElement[] top = error.getStackTrace();
        Throwable root = chain.get(chain.size() - 1);
        return new ErrorCause(sha(key), error.getClass().getName(),
                root == error ? null : root.getClass().getName(), masking.maskText(error.getMessage()),
                top.length == 0 ? null : StackFolding.fold(top[0]));
    }

    /** The stack as {@code printStackTrace} writes it, causes included, every message masked, capped. */
    public static String stackOf(Throwable error, Masking masking) {
        return stack(chain(error), masking);
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String stack(List<Throwable> chain, Masking masking) {
        StringBuilder sb = new StringBuilder(4096);
        for (int i = 0; i < chain.size() && sb.length() < MAX_STACK_CHARS; i++) {
            Throwable t = chain.get(i);
            if (i > 0) {
                sb.append("Caused by: ");
            }
            sb.append(t.getClass().getName());
            String message = masking.maskText(t.getMessage());
            if (message != null) {
                sb.append(": ").append(message);
            }
            sb.append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            int n = Math.min(frames.length, FRAMES_STORED);
            for (int f = 0; f < n; f++) {
                sb.append("\tat ").append(frames[f]).append('\n');
            }
            if (frames.length > n) {
                sb.append("\t... ").append(frames.length - n).append(" more\n");
            }
        }
        if (sb.length() > MAX_STACK_CHARS) {
            sb.setLength(MAX_STACK_CHARS);
            sb.append("\n\t... cut at ").append(MAX_STACK_CHARS).append(" characters\n");
        }
        return sb.toString();
    }

    private static String sha(CharSequence text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

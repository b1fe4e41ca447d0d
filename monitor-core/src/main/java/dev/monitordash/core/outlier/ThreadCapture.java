package dev.monitordash.core.outlier;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Stacks and thread dumps for outliers, capped in depth and length. Never throws: a thread that is gone,
 * a virtual thread (for which {@code ThreadMXBean} has no info) or a JVM without thread monitoring yields
 * what {@link Thread#getStackTrace()} gives, or a note.
 */
final class ThreadCapture {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Monitors held are read from the stacks (cheap). Ownable synchronizers held (ReentrantLock owners)
    // are not asked for: finding them walks the whole heap, which made a capture take tens of ms. The lock
    // a thread waits for, and its owner, are reported either way.
    private final boolean lockedMonitors = threads.isObjectMonitorUsageSupported();
    private final OutlierLimits limits;

    ThreadCapture() {
        this(OutlierLimits.DEFAULTS);
    }

    ThreadCapture(OutlierLimits limits) {
        this.limits = limits;
    }

    /** The stack of one thread as text, at most {@code maxDepth} frames. */
    String stackOf(Thread thread, int maxDepth, List<String> notes) {
        try {
            ThreadInfo info = threads.getThreadInfo(thread.getId(), maxDepth + 1);
            if (info != null) {
                return format(info.getStackTrace(), maxDepth, null);
            }
        } catch (RuntimeException e) {
            notes.add("thread info unavailable (" + e + "); stack taken with Thread.getStackTrace");
        }
        // Virtual threads and threads unknown to ThreadMXBean: the plain stack, no lock details.
        try {
            StackTraceElement[] frames = thread.getStackTrace();
            if (frames.length == 0) {
                notes.add("the request thread's stack was empty (thread ended or not started)");
            }
            return format(frames, maxDepth, null);
        } catch (RuntimeException e) {
            notes.add("the request thread's stack could not be taken: " + e);
            return "";
        }
    }

    /** Every live thread, capped by the {@link OutlierLimits}; {@code notes} says what was cut. */
    List<CapturedThread> dumpAll(List<String> notes) {
        ThreadInfo[] infos;
        try {
            infos = threads.dumpAllThreads(lockedMonitors, false, limits.dumpStackDepth() + 1);
        } catch (RuntimeException e) {
            notes.add("thread dump unavailable: " + e);
            return List.of();
        }
        List<CapturedThread> out = new ArrayList<>(Math.min(infos.length, limits.dumpThreads()));
        long chars = 0;
        boolean stacksCut = false;
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            if (out.size() == limits.dumpThreads()) {
                notes.add("thread dump: " + (infos.length - out.size()) + " more threads not kept " + Truncation.MARK);
                break;
            }
            String stack;
            if (chars < limits.dumpChars()) {
                stack = format(info.getStackTrace(), limits.dumpStackDepth(), info.getLockedMonitors());
                chars += stack.length();
            } else {
                stack = Truncation.MARK;
                stacksCut = true;
            }
            LockInfo lock = info.getLockInfo();
            String owner = info.getLockOwnerName() == null ? null
                    : "\"" + info.getLockOwnerName() + "\" #" + info.getLockOwnerId();
            out.add(new CapturedThread(info.getThreadId(), info.getThreadName(), info.getThreadState().name(),
                    info.isDaemon(), lock == null ? null : lock.toString(), owner, stack));
        }
        if (stacksCut) {
            notes.add("thread dump: stacks beyond " + limits.dumpChars() + " characters not kept "
                    + Truncation.MARK);
        }
        return out;
    }

    /** jstack-like lines; "(truncated)" when there were more frames than {@code maxDepth}. */
    static String format(StackTraceElement[] frames, int maxDepth, MonitorInfo[] locked) {
        StringBuilder sb = new StringBuilder(frames.length * 60);
        int n = Math.min(frames.length, maxDepth);
        for (int i = 0; i < n; i++) {
            sb.append("at ").append(frames[i]).append('\n');
            if (locked != null) {
                for (MonitorInfo m : locked) {
                    if (m.getLockedStackDepth() == i) {
                        sb.append("- locked ").append(m).append('\n');
                    }
                }
            }
        }
        if (frames.length > maxDepth) {
            sb.append(Truncation.MARK).append('\n');
        }
        return sb.toString();
    }
}

package dev.monitordash.core.alert.notify;

import dev.monitordash.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers messages off the evaluation thread: one worker thread per receiver, started on its first
 * message, so a receiver that hangs (bounded by {@link Notifier#TIMEOUT} per attempt) or is down delays
 * only its own messages. A failed message is retried with exponential backoff (from {@code firstRetry},
 * doubling, at most {@code maxRetry} apart) until it is sent or replaced: each receiver keeps at most one
 * unsent message per rule, the newest, so a receiver down for an hour gets the rule's current state once,
 * not every message it missed. Every attempt, sent or failed, goes into the history.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ReceiverStore history;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();

    private volatile boolean closed;

    public Dispatcher(ReceiverStore history, Clock clock, Duration firstRetry, Duration maxRetry) {
        this.history = history;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    /** Queues the message for each receiver; returns at once. */
    public void dispatch(Message m, List<Receiver> receivers) {
        if (closed) {
            return;
        }
        for (Receiver r : receivers) {
            workers.computeIfAbsent(r.name(), Worker::new).offer(r, m);
        }
    }

    /** Sends a test message now, on the caller's thread (bounded by the timeout); the error, or null. */
    public String sendTest(Receiver r, Message m) {
        String error = null;
        try {
            Notifier.of(r).send(m);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = describe(e);
        }
        record(r.name(), m, error == null ? "sent" : "failed", 1, error);
        return error;
    }

    /** Messages waiting for a retry, per receiver (the status and tests). */
    public Map<String, Integer> backlog() {
        Map<String, Integer> out = new LinkedHashMap<>();
        workers.forEach((name, w) -> out.put(name, w.pending()));
        return out;
    }

    private void record(String receiver, Message m, String outcome, int attempt, String error) {
        try {
            history.record(clock.instant(), receiver, m, outcome, attempt, error);
        } catch (StoreException | UnsupportedOperationException e) {
            LOG.warn("MonitorDash could not record a notification to {} ({}): {}", receiver, outcome, e.getMessage());
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }

    Duration backoff(int failures) {
        long millis = firstRetry.toMillis() << Math.min(20, failures - 1);
        return Duration.ofMillis(Math.min(millis, maxRetry.toMillis()));
    }

    /** Stops the workers; unsent messages are dropped (they are recomputed from the stored states on restart). */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers.values()) {
            w.stop();
        }
        for (Worker w : workers.values()) {
            w.join();
        }
    }

    /** A message waiting for its receiver, keyed by rule. */
    private static final class Pending {
        Receiver receiver;
        Message message;
        int failures;
        Instant due;
    }

    private final class Worker implements Runnable {
        private final String name;
        private final Map<Long, Pending> pending = new LinkedHashMap<>();
        private final Thread thread;

        Worker(String name) {
            this.name = name;
            this.thread = new Thread(this, "monitordash-notify-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void offer(Receiver r, Message m) {
            Pending p = pending.computeIfAbsent(m.ruleId(), k -> new Pending());
            p.receiver = r;
            p.message = m; // replaces an unsent older message of the same rule
            p.due = clock.instant();
            notifyAll();
        }

        synchronized int pending() {
            return pending.size();
        }

        @Override
        public void run() {
            while (!closed) {
                Pending p;
                Message m;
                Receiver r;
                synchronized (this) {
                    p = nextDue();
                    if (p == null) {
                        try {
                            wait(waitMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                    m = p.message;
                    r = p.receiver;
                }
                String error = null;
                try {
                    Notifier.of(r).send(m);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    error = describe(e);
                }
                synchronized (this) {
                    boolean replaced = p.message != m;
                    if (error == null) {
                        if (!replaced) {
                            pending.values().remove(p);
                        }
                    } else {
                        p.failures++;
                        if (!replaced) {
                            p.due = clock.instant().plus(backoff(p.failures));
                        }
                    }
                }
                record(name, m, error == null ? "sent" : "failed", p.failures + (error == null ? 1 : 0), error);
                if (error != null) {
                    LOG.warn("MonitorDash could not notify {} of {} (attempt {}): {}", name, m.title(), p.failures, error);
                }
            }
        }

        private Pending nextDue() {
            Instant now = clock.instant();
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (!p.due.isAfter(now)) {
                    return p;
                }
            }
            return null;
        }

        private long waitMillis() {
            Instant now = clock.instant();
            long wait = 60_000;
            for (Pending p : new ArrayList<>(pending.values())) {
                wait = Math.min(wait, Math.max(1, Duration.between(now, p.due).toMillis()));
            }
            return wait;
        }

        void stop() {
            thread.interrupt();
        }

        void join() {
            try {
                thread.join(Notifier.TIMEOUT.toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

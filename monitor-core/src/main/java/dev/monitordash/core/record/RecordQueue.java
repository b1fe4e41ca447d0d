package dev.monitordash.core.record;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded queue between request threads (many producers) and the writer thread (the one consumer).
 * Lock-free and allocation-free on {@link #offer}, which runs on every monitored request: one CAS in the
 * common case, where {@code ArrayBlockingQueue} would take a lock that 50 request threads contend for.
 *
 * <p>D. Vyukov's bounded array queue: each slot carries a sequence number saying whose turn it is. A
 * producer claims a position with a CAS on {@code tail}, stores the record, then publishes it by
 * writing the slot's sequence (a volatile write: the record is visible to whoever reads that sequence).
 * The consumer frees a slot the same way for the producer one lap later. Holds exactly
 * {@code capacity} records at most; the slot array is the next power of two.
 */
final class RecordQueue {

    private final RequestRecord[] slots;
    private final AtomicLongArray sequence;
    private final int mask;
    private final int capacity;
    private final AtomicLong tail = new AtomicLong();
    private volatile long head; // written by the consumer only

    RecordQueue(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("queue capacity must be 1 - 2^30, was " + capacity);
        }
        int size = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new RequestRecord[size];
        this.sequence = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequence.set(i, i);
        }
        this.mask = size - 1;
        this.capacity = capacity;
    }

    /** Adds the record unless the queue is full. Any thread; never blocks. */
    boolean offer(RequestRecord record) {
        long pos = tail.get();
        while (true) {
            if (pos - head >= capacity) {
                return false;
            }
            int i = (int) pos & mask;
            long turn = sequence.get(i) - pos;
            if (turn == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    slots[i] = record;
                    sequence.set(i, pos + 1); // publishes the record to the consumer
                    return true;
                }
                pos = tail.get(); // another producer took this position
            } else if (turn < 0) {
                return false; // the slot still holds a record from the previous lap: full
            } else {
                pos = tail.get();
            }
        }
    }

    /** The oldest published record, or null. The consumer thread only. */
    RequestRecord poll() {
        long pos = head;
        int i = (int) pos & mask;
        if (sequence.get(i) != pos + 1) {
            return null;
        }
        RequestRecord record = slots[i];
        slots[i] = null;
        sequence.set(i, pos + mask + 1); // frees the slot for the producer one lap later
        head = pos + 1;
        return record;
    }

    /** Moves up to {@code max} records into the collection; returns how many. The consumer thread only. */
    int drainTo(Collection<? super RequestRecord> to, int max) {
        int n = 0;
        RequestRecord r;
        while (n < max && (r = poll()) != null) {
            to.add(r);
            n++;
        }
        return n;
    }

    /** Empties the queue; returns how many records it held. The consumer thread only. */
    int discardAll() {
        int n = 0;
        while (poll() != null) {
            n++;
        }
        return n;
    }

    /** Records queued now (including ones a producer is just storing). */
    int size() {
        long n = tail.get() - head;
        return (int) Math.max(0, Math.min(n, capacity));
    }

    boolean isEmpty() {
        return size() == 0;
    }
}

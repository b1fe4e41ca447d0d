package dev.monitordash.core.record;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordQueueTest {

    static final Endpoint E = Records.endpoint("/q");

    static RequestRecord record(long id) {
        return new RequestRecord(E, id, 0, "GET", 200, null, null);
    }

    @Test
    void holdsExactlyItsCapacityEvenWhenThatIsNotAPowerOfTwo() {
        RecordQueue q = new RecordQueue(10);
        for (int i = 0; i < 10; i++) {
            assertTrue(q.offer(record(i)));
        }
        assertFalse(q.offer(record(10)));
        assertEquals(10, q.size());
        assertEquals(0, q.poll().startEpochMicros());
        assertTrue(q.offer(record(10)), "one slot was freed");
        assertFalse(q.offer(record(11)));
    }

    @Test
    void isFirstInFirstOutAcrossManyLapsOfTheRing() {
        RecordQueue q = new RecordQueue(3);
        long next = 0;
        for (long i = 0; i < 1_000; i++) {
            assertTrue(q.offer(record(i)));
            if (i % 2 == 1) {
                assertEquals(next++, q.poll().startEpochMicros());
                assertEquals(next++, q.poll().startEpochMicros());
            }
        }
        assertNull(q.poll());
        assertEquals(0, q.size());
    }

    @Test
    void drainAndDiscardCountWhatTheyTake() {
        RecordQueue q = new RecordQueue(8);
        RequestRecord first = record(1);
        q.offer(first);
        for (int i = 2; i <= 6; i++) {
            q.offer(record(i));
        }
        List<RequestRecord> out = new ArrayList<>();
        assertEquals(4, q.drainTo(out, 4));
        assertSame(first, out.get(0));
        assertEquals(2, q.discardAll());
        assertTrue(q.isEmpty());
    }

    @Test
    void rejectsANonsensicalCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecordQueue(0));
    }

    /**
     * Many producers and the one consumer at once, on a queue small enough that they collide all the
     * time: every record offered until accepted must come out exactly once, in each producer's order.
     */
    @Test
    void concurrentProducersLoseNothingAndDuplicateNothing() throws Exception {
        // 4 producers yielding (not spinning) when the queue is full: on a loaded 2-core CI machine, 8
        // spinning producers starved the consumer until the deadline. Collisions stay constant: 64 slots.
        int producers = 4;
        int perProducer = 100_000;
        RecordQueue q = new RecordQueue(64);
        ExecutorService pool = Executors.newFixedThreadPool(producers, r -> {
            Thread t = new Thread(r, "producer");
            t.setDaemon(true); // a broken queue may spin for ever: the test must fail, not hang
            return t;
        });
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            for (int p = 0; p < producers; p++) {
                long base = (long) p << 32;
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perProducer && System.nanoTime() < deadline; i++) {
                        while (!q.offer(record(base + i)) && System.nanoTime() < deadline) {
                            Thread.yield();
                        }
                    }
                    return null;
                });
            }
            long[] nextExpected = new long[producers];
            long consumed = 0;
            go.countDown();
            while (consumed < (long) producers * perProducer && System.nanoTime() < deadline) {
                RequestRecord r = q.poll();
                if (r == null) {
                    Thread.yield();
                    continue;
                }
                int producer = (int) (r.startEpochMicros() >>> 32);
                long seq = r.startEpochMicros() & 0xffff_ffffL;
                assertEquals(nextExpected[producer]++, seq, "producer " + producer + " out of order, lost or twice");
                consumed++;
            }
            assertEquals((long) producers * perProducer, consumed, "records lost (or the test ran out of time)");
            assertNull(q.poll(), "nothing extra");
        } finally {
            pool.shutdownNow();
        }
    }
}

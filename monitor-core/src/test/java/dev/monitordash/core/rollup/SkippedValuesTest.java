package dev.monitordash.core.rollup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SkippedValuesTest {

    private static final byte[] GARBAGE = {0, 1, 2, 3};

    @Test
    void countsEveryValueLenientReadsAsEmptyWhileOpen() {
        try (SkippedValues read = SkippedValues.open()) {
            Lenient.sketch(GARBAGE);
            Lenient.statuses(GARBAGE);
            Lenient.hours(GARBAGE);
            Lenient.sample(GARBAGE, 10);
            Lenient.statuses(new StatusCounts().encode());
            assertEquals(4, read.count(), "four garbled, one readable");
        }
    }

    @Test
    void skipsOutsideAScopeAreChargedToNoLaterOne() {
        Lenient.sketch(GARBAGE); // as the writer decodes: no scope open
        try (SkippedValues first = SkippedValues.open()) {
            Lenient.sketch(GARBAGE);
        }
        try (SkippedValues next = SkippedValues.open()) {
            assertEquals(0, next.count());
        }
    }

    @Test
    void anInnerScopeCountsAloneAndMustBeClosedFirst() {
        try (SkippedValues outer = SkippedValues.open()) {
            SkippedValues inner = SkippedValues.open();
            Lenient.hours(GARBAGE);
            assertThrows(IllegalStateException.class, outer::close);
            inner.close();
            assertEquals(1, inner.count());
            assertEquals(0, outer.count());
        }
    }
}

package dev.monitordash.core.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestLabelsTest {

    private static String method(String m) {
        return RequestLabels.METHODS[RequestLabels.method(m)];
    }

    private static String statusClass(int status) {
        return RequestLabels.STATUS_CLASSES[RequestLabels.statusClass(status)];
    }

    @Test
    void standardMethodsAreTheirOwnLabelInAnyCase() {
        assertEquals("GET", method("GET"));
        assertEquals("PATCH", method("patch"));
        assertEquals("CONNECT", method("Connect"));
    }

    @Test
    void anyOtherMethodIsOtherSoClientsCannotCreateSeries() {
        assertEquals("other", method("PROPFIND"));
        assertEquals("other", method("X".repeat(1000)));
        assertEquals("other", method(""));
        assertEquals("other", method(null));
    }

    @Test
    void statusesCountByClassAndOutOfRangeOnesAsOther() {
        assertEquals("1xx", statusClass(101));
        assertEquals("2xx", statusClass(204));
        assertEquals("3xx", statusClass(399));
        assertEquals("4xx", statusClass(404));
        assertEquals("5xx", statusClass(599));
        assertEquals("other", statusClass(0));
        assertEquals("other", statusClass(99));
        assertEquals("other", statusClass(600));
    }

    @Test
    void everyMethodAndStatusClassHasItsOwnSlot() {
        boolean[] seen = new boolean[RequestLabels.COMBINATIONS];
        for (String m : RequestLabels.METHODS) {
            for (int status : new int[] {100, 200, 300, 400, 500, 0}) {
                int i = RequestLabels.combination(m, status);
                assertEquals(false, seen[i], m + " " + status);
                seen[i] = true;
            }
        }
    }
}

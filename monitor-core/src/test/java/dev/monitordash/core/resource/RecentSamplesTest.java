package dev.monitordash.core.resource;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentSamplesTest {

    @Test
    void keepsTheNewestAndAnswersWindowsEndingAtTheLatestSample() {
        RecentSamples recent = new RecentSamples(5);
        assertTrue(recent.latest().isEmpty());
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 8; i++) {
            recent.add(ResourceSampleTest.sample(t0.plusSeconds(10L * i), i * 10, 0));
        }
        assertEquals(70, recent.latest().orElseThrow().value(ResourceMetric.HOST_CPU));
        assertEquals(5, recent.window(Duration.ofHours(1)).size());
        assertEquals(3, recent.window(Duration.ofSeconds(30)).size());
        assertEquals(60, recent.mean(ResourceMetric.HOST_CPU, Duration.ofSeconds(30)), 1e-9);
        assertEquals(30, recent.window(Duration.ofHours(1)).get(0).value(ResourceMetric.HOST_CPU));
    }
}

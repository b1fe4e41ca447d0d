package dev.monitordash.junit.samples;

import org.junit.jupiter.api.Test;

/** No {@code @ExtendWith}: reported only when extension autodetection is on. */
@OnlyInEngineRun
public class AutodetectedSample {

    @Test
    void found() {
    }
}

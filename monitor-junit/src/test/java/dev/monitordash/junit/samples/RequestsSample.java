package dev.monitordash.junit.samples;

import dev.monitordash.junit.MonitorDashExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests that run one at a time against the application in an embedded server, sending no header. */
@ExtendWith(MonitorDashExtension.class)
@OnlyInEngineRun
public class RequestsSample {

    @Test
    void cart() throws Exception {
        SampleApp.get("/cart", false);
        SampleApp.get("/cart", false);
    }

    @Test
    void pay() throws Exception {
        SampleApp.get("/pay", false);
    }
}

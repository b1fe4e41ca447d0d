package dev.monitordash.core.outlier;

import java.util.List;

/** Opens {@link ThreadCapture}'s request-stack capture to tests in other packages. */
public final class ThreadCaptureProbe {

    private ThreadCaptureProbe() {
    }

    /** The request thread's stack as an outlier stores it (default caps); notes say what fell back. */
    public static String stackOf(Thread thread, List<String> notes) {
        return new ThreadCapture().stackOf(thread, OutlierLimits.DEFAULTS.requestStackDepth(), notes);
    }
}

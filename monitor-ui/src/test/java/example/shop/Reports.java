package example.shop;

/**
 * Stands for application code in the outlier and profile tests: its package is not MonitorDash's, the
 * JDK's or a container's, so its frames are the application frames the pages must tell apart.
 */
public final class Reports {

    private Reports() {
    }

    /** Blocks like a slow report query; an outlier's request stack must show this method. */
    public static void render(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Keeps the CPU busy; a profile must attribute the time to this method. */
    public static void compute(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}

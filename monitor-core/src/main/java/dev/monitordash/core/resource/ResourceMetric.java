package dev.monitordash.core.resource;

/**
 * One figure of a resource sample, by its name in the API and the store's blob. The order is the blob's
 * order: add new figures at the end only (a reader of an older blob sees them as missing, never as another
 * figure).
 */
public enum ResourceMetric {
    HOST_CPU("host.cpu", Unit.PERCENT, "Host CPU, all cores"),
    HOST_LOAD_1("host.load1", Unit.LOAD, "Load average, 1 minute"),
    HOST_LOAD_5("host.load5", Unit.LOAD, "Load average, 5 minutes"),
    HOST_LOAD_15("host.load15", Unit.LOAD, "Load average, 15 minutes"),
    HOST_MEMORY_USED("host.memory.used", Unit.BYTES, "Host memory in use"),
    HOST_MEMORY_TOTAL("host.memory.total", Unit.BYTES, "Host memory"),
    HOST_SWAP_USED("host.swap.used", Unit.BYTES, "Swap in use"),
    HOST_SWAP_TOTAL("host.swap.total", Unit.BYTES, "Swap"),
    DISK_USED("disk.used", Unit.BYTES, "Disk in use on the store's volume"),
    DISK_TOTAL("disk.total", Unit.BYTES, "Size of the store's volume"),
    PROCESS_CPU("process.cpu", Unit.PERCENT, "This JVM's CPU, share of all cores"),
    HEAP_USED("heap.used", Unit.BYTES, "Heap in use"),
    HEAP_COMMITTED("heap.committed", Unit.BYTES, "Heap committed"),
    HEAP_MAX("heap.max", Unit.BYTES, "Heap maximum"),
    NON_HEAP_USED("nonheap.used", Unit.BYTES, "Non-heap in use"),
    NON_HEAP_COMMITTED("nonheap.committed", Unit.BYTES, "Non-heap committed"),
    GC_COUNT("gc.count", Unit.PER_SECOND, "Garbage collections per second"),
    GC_TIME("gc.time", Unit.PERCENT, "Share of time spent in garbage collection"),
    THREADS_LIVE("threads.live", Unit.COUNT, "Live threads"),
    THREADS_DAEMON("threads.daemon", Unit.COUNT, "Daemon threads"),
    PIPELINE_QUEUED("pipeline.queued", Unit.COUNT, "Request records waiting for the writer"),
    PIPELINE_WRITTEN("pipeline.written", Unit.PER_SECOND, "Request records written per second"),
    PIPELINE_DROPPED("pipeline.dropped", Unit.PER_SECOND, "Request records dropped per second");

    /** What a figure's number means; the API and pages format by it. */
    public enum Unit {
        PERCENT, LOAD, BYTES, PER_SECOND, COUNT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final String id;
    private final Unit unit;
    private final String label;

    ResourceMetric(String id, Unit unit, String label) {
        this.id = id;
        this.unit = unit;
        this.label = label;
    }

    /** The name in the API and docs, e.g. {@code host.cpu}. */
    public String id() {
        return id;
    }

    public Unit unit() {
        return unit;
    }

    public String label() {
        return label;
    }

    /** The figure of this name; empty for an unknown one. */
    public static java.util.Optional<ResourceMetric> ofId(String id) {
        for (ResourceMetric m : values()) {
            if (m.id.equals(id)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}

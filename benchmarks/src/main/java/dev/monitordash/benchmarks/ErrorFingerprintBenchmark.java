package dev.monitordash.benchmarks;

import dev.monitordash.core.error.ErrorCause;
import dev.monitordash.core.outlier.Masking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the writer thread pays per failed request that carries an exception: {@link ErrorCause#of} — the
 * fingerprint (folded frames of the exception and its cause, SHA-256) and the masked message — and, for
 * the first request of a new cause only, the stack text it stores ({@link ErrorCause#stackOf}). The exception is thrown {@code depth} frames deep and wrapped once, like a data-access
 * error rethrown by a service under a framework's stack. Successful requests pay nothing.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ErrorFingerprint</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ErrorFingerprintBenchmark {

    @Param({"60", "150"})
    public int depth;

    private final Masking masking = new Masking(List.of(), List.of());
    private RuntimeException error;

    @Setup(Level.Trial)
    public void throwOne() {
        try {
            deep(depth);
        } catch (RuntimeException e) {
            error = e;
        }
    }

    private static void deep(int n) {
        if (n > 0) {
            deep(n - 1);
            return;
        }
        try {
            throw new IllegalArgumentException("no row for id=42, password=hunter2");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("order lookup failed for user ann", e);
        }
    }

    /** Every failed request with an exception: its cause's fingerprint, class, masked message, frame. */
    @Benchmark
    public ErrorCause fingerprint() {
        return ErrorCause.of(error, masking);
    }

    /** The first request of a cause the store does not know: also the stack text it stores. */
    @Benchmark
    public String newCauseStack() {
        return ErrorCause.stackOf(error, masking);
    }
}

package io.meshgate.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: requests are due at fixed intended times ({@code rate} a second),
 * and a request's latency is its answer's arrival minus its intended send time, so a generator or
 * server that falls behind is charged for it (no coordinated omission). Latencies go into an
 * HdrHistogram {@link Recorder}. One pacing thread; answers are recorded on the target's threads.
 */
final class LoadGenerator {

    /** How long a phase waits after its last send for the answers still out. */
    static final Duration DRAIN = Duration.ofSeconds(15);

    /**
     * What one phase gave.
     *
     * @param rate      intended requests per second
     * @param sent      requests sent
     * @param achieved  answers per second, from the first intended send to the last answer
     * @param latency   microseconds from intended send to answer
     * @param errors    error answers by code; {@code NO_ANSWER} for those still out after the drain
     * @param completed answers received, good or bad
     */
    record Phase(int rate, long sent, double achieved, Histogram latency, Map<String, Long> errors, long completed) {

        /** All error answers and missing answers. */
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final PrintStream progress;
    private final Duration drain;

    LoadGenerator(PrintStream progress, Duration drain) {
        this.progress = progress;
        this.drain = drain;
    }

    /** Sends {@code rate} requests a second for {@code seconds} and waits for their answers. */
    Phase phase(LoadTarget target, int rate, int seconds, String name) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Histogram total = new Histogram(3);
        Map<String, Long> errors = new ConcurrentHashMap<>();
        AtomicLong completed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long count = (long) rate * seconds;
        long start = System.nanoTime() + 10_000_000;
        long nextReport = start + 1_000_000_000L;
        for (long i = 0; i < count; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            target.call(i).whenComplete((code, e) -> {
                long now = System.nanoTime();
                recorder.recordValue(Math.max(0, (now - intended) / 1_000));
                lastAnswer.accumulateAndGet(now, Math::max);
                if (e != null || code != null) {
                    errors.merge(e != null ? "EXCEPTION" : code, 1L, Long::sum);
                }
                completed.incrementAndGet();
            });
            if (System.nanoTime() >= nextReport) {
                nextReport += 1_000_000_000L;
                total.add(recorder.getIntervalHistogram());
                progress.printf("%s %s at %d/s: %d sent, %d answered, p99 so far %.2f ms, errors %d%n", target.name(),
                        name, rate, i + 1, completed.get(), total.getValueAtPercentile(99) / 1000.0,
                        errors.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (completed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        total.add(recorder.getIntervalHistogram());
        long end = Math.max(lastAnswer.get(), start + (count - 1) * intervalNanos + 1);
        double achieved = completed.get() / ((end - start) / 1e9);
        long lost = count - completed.get();
        if (lost > 0) {
            errors.merge("NO_ANSWER", lost, Long::sum);
        }
        return new Phase(rate, count, achieved, total, new TreeMap<>(errors), completed.get());
    }
}

package io.meshgate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private final LoadGenerator generator = new LoadGenerator(new PrintStream(OutputStream.nullOutputStream()),
            Duration.ofMillis(200));

    private static LoadTarget answering(LongFunction<CompletionStage<String>> answer) {
        return new LoadTarget() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public CompletionStage<String> call(long i) {
                return answer.apply(i);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void phaseSendsRateTimesSecondsRequestsAndRecordsEachAnswer() throws Exception {
        LoadGenerator.Phase p = generator.phase(answering(i -> CompletableFuture.completedFuture(null)), 200, 1, "t");

        assertEquals(200, p.sent());
        assertEquals(200, p.completed());
        assertEquals(200, p.latency().getTotalCount());
        assertEquals(Map.of(), p.errors());
    }

    @Test
    void phaseAchievesTheRateWhenEveryAnswerIsImmediate() throws Exception {
        LoadGenerator.Phase p = generator.phase(answering(i -> CompletableFuture.completedFuture(null)), 200, 1, "t");

        assertTrue(p.achieved() > 190 && p.achieved() <= 201, "achieved " + p.achieved());
    }

    @Test
    void phaseCountsErrorAnswersByCode() throws Exception {
        LoadGenerator.Phase p = generator.phase(
                answering(i -> CompletableFuture.completedFuture(i % 10 == 0 ? "TIMEOUT" : null)), 100, 1, "t");

        assertEquals(Map.of("TIMEOUT", 10L), p.errors());
        assertEquals(10, p.errorCount());
    }

    @Test
    void phaseChargesAnswersThatNeverComeAsNoAnswer() throws Exception {
        LoadGenerator.Phase p = generator.phase(
                answering(i -> i < 5 ? new CompletableFuture<>() : CompletableFuture.completedFuture(null)), 50, 1, "t");

        assertEquals(Map.of("NO_ANSWER", 5L), p.errors());
        assertEquals(45, p.completed());
    }

    @Test
    void latencyIsMeasuredFromTheIntendedSendTime() throws Exception {
        CompletableFuture<String> late = new CompletableFuture<>();
        LoadGenerator.Phase p = generator.phase(answering(i -> {
            if (i == 0) {
                CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(() -> late.complete(null));
                return late;
            }
            return CompletableFuture.completedFuture(null);
        }), 20, 1, "t");

        assertTrue(p.latency().getMaxValue() >= 100_000, "max " + p.latency().getMaxValue());
    }

    @Test
    void cpuOfThisProcessIsCounted() {
        long spent = 0;
        for (int i = 0; i < 50_000_000; i++) {
            spent += i % 7;
        }
        assertTrue(ProcessCpu.micros(ProcessHandle.current().pid()) > 0, "no CPU read after " + spent);
    }

    @Test
    void cpuOfAMissingProcessIsZero() {
        assertEquals(0, ProcessCpu.micros(Long.MAX_VALUE));
    }
}

package io.meshgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestStatsTest {

    @Test
    void anIntervalCountsTheRequestsThatEndedInIt() {
        RequestStats stats = new RequestStats();
        stats.record("echo", RequestStats.OK, 900);
        stats.record("echo", RequestStats.OK, 1100);

        RequestStats.ServiceInterval echo = stats.interval().get(0);

        assertEquals("echo", echo.service());
        assertEquals(2, echo.requests());
        assertEquals(2, echo.latencyMicros().getTotalCount());
    }

    @Test
    void theNextIntervalStartsFromNothingWhileTotalsGoOn() {
        RequestStats stats = new RequestStats();
        stats.record("echo", RequestStats.OK, 1000);
        stats.interval();
        stats.record("echo", "TIMEOUT", 10_000_000);

        RequestStats.ServiceInterval echo = stats.interval().get(0);

        assertEquals(1, echo.requests());
        assertEquals(2, echo.requestsTotal());
        assertEquals(1, echo.latencyMicros().getTotalCount());
    }

    @Test
    void errorsAreCountedByCodeInTheIntervalAndInTotal() {
        RequestStats stats = new RequestStats();
        stats.record("work", "TIMEOUT", 1);
        stats.interval();
        stats.record("work", "TIMEOUT", 1);
        stats.record("work", "HANDLER_ERROR", 1);
        stats.record("work", RequestStats.OK, 1);

        RequestStats.ServiceInterval work = stats.interval().get(0);

        assertEquals(Map.of("TIMEOUT", 1L, "HANDLER_ERROR", 1L), work.errors());
        assertEquals(Map.of("TIMEOUT", 2L, "HANDLER_ERROR", 1L), work.errorsTotal());
    }

    @Test
    void aCodeWithoutErrorsInTheIntervalIsLeftOutOfIt() {
        RequestStats stats = new RequestStats();
        stats.record("work", "TIMEOUT", 1);
        stats.interval();
        stats.record("work", RequestStats.OK, 1);

        assertEquals(Map.of(), stats.interval().get(0).errors());
    }

    @Test
    void servicesBeyondTheLimitAreCountedTogether() {
        RequestStats stats = new RequestStats();
        for (int i = 0; i < RequestStats.MAX_SERVICES + 10; i++) {
            stats.record(String.format("s%03d", i), RequestStats.OK, 1);
        }

        List<RequestStats.ServiceInterval> interval = stats.interval();

        assertEquals(RequestStats.MAX_SERVICES + 1, interval.size());
        assertEquals(10, interval.stream().filter(s -> s.service().equals(RequestStats.OTHER)).findFirst()
                .orElseThrow().requests());
    }

    @Test
    void aLatencyBeyondTheRangeCountsAsTheLongestTold() {
        RequestStats stats = new RequestStats();
        stats.record("echo", RequestStats.OK, Long.MAX_VALUE);

        assertEquals(1, stats.interval().get(0).latencyMicros().getTotalCount());
    }

    @Test
    void intervalsListServicesByName() {
        RequestStats stats = new RequestStats();
        stats.record("work", RequestStats.OK, 1);
        stats.record("echo", RequestStats.OK, 1);

        assertEquals(List.of("echo", "work"), stats.interval().stream().map(RequestStats.ServiceInterval::service).toList());
    }
}

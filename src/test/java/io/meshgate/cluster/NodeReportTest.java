package io.meshgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.envelope.Envelope;
import io.meshgate.metrics.ProtocolErrors;
import io.meshgate.metrics.RequestStats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeReportTest {

    private static final Instant SENT = Instant.parse("2026-12-03T07:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-12-03T06:00:00Z");

    private static NodeReport reportOf(RequestStats stats, List<ProtocolErrors.Entry> errors) {
        return new NodeReport(true, false, STARTED, 1000,
                stats.interval().stream().map(NodeReport.ServiceReport::of).toList(), errors);
    }

    private static NodeStatus heartbeatRoundTrip(NodeReport report) {
        NodeStatus sent = new NodeStatus("node-a", List.of("echo"), 1, 64, 2, SENT, report);
        return ControlMessages.statusOf(ControlMessages.of(ControlMessages.HEARTBEAT, sent), SENT);
    }

    @Test
    void aHeartbeatCarriesReadinessDrainAndStartTime() {
        NodeReport back = heartbeatRoundTrip(new NodeReport(false, true, STARTED, 1000, List.of(), List.of())).report();

        assertEquals(false, back.ready());
        assertTrue(back.draining());
        assertEquals(STARTED, back.startedAt());
        assertEquals(1000, back.intervalMs());
    }

    @Test
    void aHeartbeatCarriesEachServicesCountsAndErrors() {
        RequestStats stats = new RequestStats();
        stats.record("echo", RequestStats.OK, 1500);
        stats.record("echo", "TIMEOUT", 10_000_000);

        NodeReport.ServiceReport echo = heartbeatRoundTrip(reportOf(stats, List.of())).report().services().get(0);

        assertEquals("echo", echo.service());
        assertEquals(2, echo.requests());
        assertEquals(2, echo.requestsTotal());
        assertEquals(Map.of("TIMEOUT", 1L), echo.errors());
        assertEquals(Map.of("TIMEOUT", 1L), echo.errorsTotal());
    }

    @Test
    void aHeartbeatCarriesTheIntervalsLatencyHistogram() {
        RequestStats stats = new RequestStats();
        for (int i = 1; i <= 100; i++) {
            stats.record("echo", RequestStats.OK, i * 100L);
        }

        var latency = heartbeatRoundTrip(reportOf(stats, List.of())).report().services().get(0).latencyMicros();

        assertEquals(100, latency.getTotalCount());
        assertEquals(9900, latency.getValueAtPercentile(99), 100);
    }

    @Test
    void aHeartbeatCarriesTheLastProtocolErrorsNewestFirst() {
        List<ProtocolErrors.Entry> errors = List.of(new ProtocolErrors.Entry(SENT, "BAD_MAC", "s2", "second"),
                new ProtocolErrors.Entry(SENT.minusSeconds(1), "BAD_CERTIFICATE", "s1", "first"));

        assertEquals(errors, heartbeatRoundTrip(reportOf(new RequestStats(), errors)).report().protocolErrors());
    }

    @Test
    void aHeartbeatOfAnOlderNodeReadsAsNothingTold() {
        Envelope old = new Envelope("e1", "/meshgate/node/node-a", ControlMessages.HEARTBEAT, "node-a", SENT,
                "application/json", Map.of(), "{\"services\":[\"echo\"],\"inFlight\":1,\"capacity\":64,\"sessions\":2}"
                        .getBytes(StandardCharsets.UTF_8));

        NodeStatus s = ControlMessages.statusOf(old, SENT);

        assertEquals(NodeReport.NONE, s.report());
        assertNull(s.report().ready());
    }

    @Test
    void fieldsANodeDoesNotKnowAreIgnored() {
        Envelope newer = new Envelope("e1", "/meshgate/node/node-a", ControlMessages.HEARTBEAT, "node-a", SENT,
                "application/json", Map.of(), ("{\"services\":[],\"inFlight\":0,\"capacity\":64,\"sessions\":0,"
                        + "\"ready\":true,\"gpu\":{\"load\":3},\"stats\":[{\"service\":\"echo\",\"requests\":4,"
                        + "\"colour\":\"red\"}]}").getBytes(StandardCharsets.UTF_8));

        NodeReport r = ControlMessages.statusOf(newer, SENT).report();

        assertEquals(true, r.ready());
        assertEquals(4, r.services().get(0).requests());
    }

    @Test
    void aDamagedHistogramReadsAsAnEmptyOne() {
        NodeReport.ServiceReport r = new NodeReport.ServiceReport("echo", 1, Map.of(), 1, Map.of(), "bm90IGEgaGlzdG9ncmFt");

        assertEquals(0, r.latencyMicros().getTotalCount());
    }

    @Test
    void onlyTheMostFrequentErrorCodesAreKept() {
        Map<String, Long> codes = new LinkedHashMap<>();
        for (int i = 0; i < NodeReport.MAX_ERROR_CODES + 4; i++) {
            codes.put("CODE_" + i, (long) i + 1);
        }

        NodeReport.ServiceReport r = new NodeReport.ServiceReport("echo", 1, codes, 1, codes, "");

        assertEquals(NodeReport.MAX_ERROR_CODES, r.errors().size());
        assertTrue(r.errors().containsKey("CODE_" + (NodeReport.MAX_ERROR_CODES + 3)));
    }

    @Test
    void pastTheLatencyBudgetTheQuieterServicesAreToldWithoutLatency() {
        RequestStats stats = new RequestStats();
        Random random = new Random(1);
        for (int s = 0; s < 40; s++) {
            for (int i = 0; i < 2000 + s; i++) {
                stats.record(String.format("s%02d", s), RequestStats.OK, (long) Math.pow(10, 1 + random.nextDouble() * 6));
            }
        }

        List<NodeReport.ServiceReport> back = heartbeatRoundTrip(reportOf(stats, List.of())).report().services();

        assertTrue(back.get(39).latencyMicros().getTotalCount() > 0, "the busiest keeps its latency");
        assertEquals(0, back.get(0).latencyMicros().getTotalCount(), "the quietest is told without");
        assertEquals(2000, back.get(0).requests());
    }

    @Test
    void onlyTheFirstProtocolErrorsAreReported() {
        List<ProtocolErrors.Entry> errors = new ArrayList<>();
        for (int i = 0; i < ProtocolErrors.KEPT; i++) {
            errors.add(new ProtocolErrors.Entry(SENT, "BAD_MAC", "s" + i, "m"));
        }

        assertEquals(NodeReport.MAX_PROTOCOL_ERRORS, new NodeReport(true, false, STARTED, 1000, List.of(), errors)
                .protocolErrors().size());
    }

    /**
     * The largest heartbeat a node can send: every service slot used, each with the most error
     * codes, a histogram of 10,000 latencies spread over six orders of magnitude, and the most
     * protocol errors with the longest messages.
     */
    @Test
    void theLargestHeartbeatStaysUnder90KiB() {
        RequestStats stats = new RequestStats();
        Random random = new Random(1);
        for (int s = 0; s < RequestStats.MAX_SERVICES + 1; s++) {
            for (int i = 0; i < 10_000; i++) {
                stats.record("service-with-a-long-name-" + s, i < NodeReport.MAX_ERROR_CODES ? "ERROR_CODE_" + i
                        : RequestStats.OK, (long) Math.pow(10, 1 + random.nextDouble() * 6));
            }
        }
        List<ProtocolErrors.Entry> errors = new ArrayList<>();
        for (int i = 0; i < NodeReport.MAX_PROTOCOL_ERRORS; i++) {
            errors.add(new ProtocolErrors.Entry(SENT, "HANDSHAKE_TIMEOUT", "0123456789abcdef0123456789abcdef",
                    "m".repeat(ProtocolErrors.MESSAGE_CHARS)));
        }
        NodeStatus s = new NodeStatus("node-a", List.of("echo", "time", "work"), 1, 64, 2, SENT,
                reportOf(stats, errors));

        int bytes = ControlMessages.of(ControlMessages.HEARTBEAT, s).data().length;

        assertTrue(bytes < 90 * 1024, bytes + " bytes");
        System.out.println("largest heartbeat: " + bytes + " bytes");
    }

    @Test
    void aTypicalHeartbeatStaysUnder2KiB() {
        RequestStats stats = new RequestStats();
        Random random = new Random(1);
        for (String service : List.of("echo", "time", "work")) {
            for (int i = 0; i < 500; i++) {
                stats.record(service, RequestStats.OK, 500 + random.nextInt(5000));
            }
        }
        NodeStatus s = new NodeStatus("node-a", List.of("echo", "time", "work"), 1, 64, 2, SENT,
                reportOf(stats, List.of()));

        int bytes = ControlMessages.of(ControlMessages.HEARTBEAT, s).data().length;

        assertTrue(bytes < 2048, bytes + " bytes");
        System.out.println("typical heartbeat: " + bytes + " bytes");
    }
}

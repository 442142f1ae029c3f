package io.meshgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.cluster.NodeReport;
import io.meshgate.cluster.NodeStatus;
import io.meshgate.metrics.ProtocolErrors;
import io.meshgate.metrics.RequestStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleViewTest {

    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
    private static final Instant STARTED = NOW.minusSeconds(3600);

    private static NodeStatus node(String id, Boolean ready, boolean draining, RequestStats stats,
                                   List<ProtocolErrors.Entry> errors) {
        List<NodeReport.ServiceReport> services = stats == null ? List.of()
                : stats.interval().stream().map(NodeReport.ServiceReport::of).toList();
        return new NodeStatus(id, List.of("echo", "work"), 16, 64, 5, NOW.minusMillis(400),
                new NodeReport(ready, draining, STARTED, 1000, services, errors));
    }

    private static RequestStats requests(String service, int n, long micros) {
        RequestStats stats = new RequestStats();
        for (int i = 0; i < n; i++) {
            stats.record(service, RequestStats.OK, micros);
        }
        return stats;
    }

    private static JsonNode service(JsonNode view, String id) {
        for (JsonNode s : view.path("services")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no service " + id + " in " + view);
    }

    @Test
    void everyMemberIsListedWithWhatItTold() {
        JsonNode view = ConsoleView.of("node-1", NOW, List.of(node("node-1", true, false, null, List.of()),
                node("node-2", true, false, null, List.of())));

        JsonNode n2 = view.path("nodes").get(1);
        assertEquals("node-2", n2.path("id").asText());
        assertEquals(25, n2.path("load").asInt());
        assertEquals(5, n2.path("sessions").asInt());
        assertEquals(16, n2.path("inFlight").asInt());
        assertEquals(3_600_000, n2.path("uptimeMs").asLong());
        assertEquals(400, n2.path("lastHeardMs").asLong());
        assertEquals("[\"echo\",\"work\"]", n2.path("services").toString());
    }

    @Test
    void aNodesStatusSaysReadyNotReadyDrainingOrUnknown() {
        JsonNode view = ConsoleView.of("a", NOW, List.of(node("a", true, false, null, List.of()),
                node("b", false, false, null, List.of()), node("c", true, true, null, List.of()),
                new NodeStatus("d", List.of(), 0, 64, 0, NOW)));

        List<String> status = new ArrayList<>();
        view.path("nodes").forEach(n -> status.add(n.path("status").asText()));

        assertEquals(List.of("ready", "not-ready", "draining", "unknown"), status);
    }

    @Test
    void aServicesRateIsSummedOverTheNodes() {
        JsonNode view = ConsoleView.of("a", NOW, List.of(node("a", true, false, requests("echo", 30, 1000), List.of()),
                node("b", true, false, requests("echo", 12, 1000), List.of())));

        assertEquals(42.0, service(view, "echo").path("rate").asDouble());
        assertEquals(42.0, view.path("totals").path("rate").asDouble());
    }

    @Test
    void latencyPercentilesMergeTheNodesHistograms() {
        JsonNode view = ConsoleView.of("a", NOW, List.of(node("a", true, false, requests("echo", 98, 1000), List.of()),
                node("b", true, false, requests("echo", 2, 50_000), List.of())));

        JsonNode latency = service(view, "echo").path("latencyMs");
        assertEquals(1.0, latency.path("p50").asDouble(), 0.02);
        assertEquals(50.0, latency.path("max").asDouble(), 0.5);
        assertEquals(100, latency.path("count").asLong());
    }

    @Test
    void aHostedServiceWithoutTrafficIsListedWithoutLatency() {
        JsonNode work = service(ConsoleView.of("a", NOW, List.of(node("a", true, false, null, List.of()))), "work");

        assertEquals(0.0, work.path("rate").asDouble());
        assertTrue(work.path("latencyMs").isNull());
        assertEquals("[\"a\"]", work.path("hostedBy").toString());
    }

    @Test
    void errorsAreCountedByCodeOverTheNodes() {
        RequestStats a = new RequestStats();
        a.record("work", "TIMEOUT", 1);
        RequestStats b = new RequestStats();
        b.record("work", "TIMEOUT", 1);
        b.record("work", "HANDLER_ERROR", 1);

        JsonNode work = service(ConsoleView.of("a", NOW, List.of(node("a", true, false, a, List.of()),
                node("b", true, false, b, List.of()))), "work");

        assertEquals("{\"HANDLER_ERROR\":1,\"TIMEOUT\":2}", work.path("errorsTotal").toString());
        assertEquals(3.0, work.path("errorRate").asDouble());
    }

    @Test
    void protocolErrorsOfEveryNodeComeNewestFirst() {
        JsonNode view = ConsoleView.of("a", NOW, List.of(
                node("a", true, false, null, List.of(new ProtocolErrors.Entry(NOW.minusSeconds(5), "BAD_MAC", "s1", "old"))),
                node("b", true, false, null, List.of(new ProtocolErrors.Entry(NOW.minusSeconds(1), "BAD_CERTIFICATE", "s2",
                        "new")))));

        JsonNode errors = view.path("protocolErrors");
        assertEquals("b", errors.get(0).path("node").asText());
        assertEquals("BAD_CERTIFICATE", errors.get(0).path("kind").asText());
        assertEquals("old", errors.get(1).path("message").asText());
    }

    @Test
    void totalsCountReadyNodesSessionsAndRequestsInFlight() {
        JsonNode totals = ConsoleView.of("a", NOW, List.of(node("a", true, false, null, List.of()),
                node("b", false, false, null, List.of()))).path("totals");

        assertEquals(2, totals.path("nodes").asInt());
        assertEquals(1, totals.path("ready").asInt());
        assertEquals(10, totals.path("sessions").asInt());
        assertEquals(32, totals.path("inFlight").asInt());
    }

    @Test
    void theViewNamesTheNodeThatServedIt() {
        assertEquals("node-3", ConsoleView.of("node-3", NOW, List.of()).path("servedBy").asText());
    }
}

package io.meshgate.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.cluster.NodeReport;
import io.meshgate.cluster.NodeStatus;
import io.meshgate.metrics.ProtocolErrors;
import io.meshgate.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * The console's data: the cluster as one node's view knows it from the heartbeats, as the JSON of
 * {@code GET /console/api/cluster}. Per node what it told; per service the cluster's figures of the
 * last heartbeat interval (request and error rates summed over the nodes, latency percentiles of
 * the nodes' histograms merged) and its totals; the newest protocol errors of every node. Plain
 * and stateless.
 */
public final class ConsoleView {

    /** How many protocol errors the view lists, newest first. */
    public static final int ERRORS_SHOWN = 20;

    private ConsoleView() {
    }

    /** The view served by {@code servedBy} at {@code now} of these live members. */
    public static ObjectNode of(String servedBy, Instant now, List<NodeStatus> members) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("servedBy", servedBy).put("at", now.toString());
        ArrayNode nodes = root.putArray("nodes");
        Map<String, ServiceSum> services = new TreeMap<>();
        List<ObjectNode> errors = new ArrayList<>();
        int ready = 0;
        int sessions = 0;
        int inFlight = 0;
        for (NodeStatus s : members) {
            NodeReport r = s.report();
            ObjectNode n = nodes.addObject();
            n.put("id", s.nodeId()).put("status", status(r));
            if (r.ready() == null) {
                n.putNull("ready");
            } else {
                n.put("ready", r.ready());
            }
            n.put("draining", r.draining()).put("load", s.loadPercent()).put("inFlight", s.inFlight())
                    .put("capacity", s.capacity()).put("sessions", s.sessions());
            n.putPOJO("services", s.services());
            if (r.startedAt() != null) {
                n.put("startedAt", r.startedAt().toString())
                        .put("uptimeMs", Math.max(0, Duration.between(r.startedAt(), now).toMillis()));
            } else {
                n.putNull("startedAt").putNull("uptimeMs");
            }
            n.put("lastHeardMs", Math.max(0, Duration.between(s.seenAt(), now).toMillis()));
            ready += Boolean.TRUE.equals(r.ready()) ? 1 : 0;
            sessions += s.sessions();
            inFlight += s.inFlight();
            for (String service : s.services()) {
                services.computeIfAbsent(service, k -> new ServiceSum()).hostedBy.add(s.nodeId());
            }
            for (NodeReport.ServiceReport sr : r.services()) {
                services.computeIfAbsent(sr.service(), k -> new ServiceSum()).add(sr, r.intervalMs());
            }
            for (ProtocolErrors.Entry e : r.protocolErrors()) {
                ObjectNode o = Json.mapper().createObjectNode().put("node", s.nodeId()).put("at", e.at().toString())
                        .put("kind", e.kind()).put("session", e.session()).put("message", e.message());
                errors.add(o);
            }
        }
        double rate = 0;
        double errorRate = 0;
        Histogram all = new Histogram(2);
        ArrayNode list = root.putArray("services");
        for (Map.Entry<String, ServiceSum> e : services.entrySet()) {
            ServiceSum sum = e.getValue();
            rate += sum.rate;
            errorRate += sum.errorRate;
            all.add(sum.latency);
            list.add(sum.toJson(e.getKey()));
        }
        errors.sort(Comparator.comparing((ObjectNode o) -> o.path("at").asText()).reversed());
        root.putArray("protocolErrors").addAll(errors.subList(0, Math.min(errors.size(), ERRORS_SHOWN)));
        ObjectNode totals = root.putObject("totals");
        totals.put("nodes", members.size()).put("ready", ready).put("sessions", sessions).put("inFlight", inFlight)
                .put("rate", round(rate)).put("errorRate", round(errorRate));
        totals.set("latencyMs", percentiles(all));
        return root;
    }

    private static String status(NodeReport r) {
        if (r.draining()) {
            return "draining";
        }
        return r.ready() == null ? "unknown" : r.ready() ? "ready" : "not-ready";
    }

    /** One service summed over the nodes that reported it. */
    private static final class ServiceSum {
        final TreeSet<String> hostedBy = new TreeSet<>();
        final Histogram latency = new Histogram(2);
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> errorsTotal = new TreeMap<>();
        double rate;
        double errorRate;
        long requests;
        long requestsTotal;

        void add(NodeReport.ServiceReport r, long intervalMs) {
            long errorCount = r.errors().values().stream().mapToLong(Long::longValue).sum();
            if (intervalMs > 0) {
                rate += r.requests() * 1000.0 / intervalMs;
                errorRate += errorCount * 1000.0 / intervalMs;
            }
            requests += r.requests();
            requestsTotal += r.requestsTotal();
            r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            r.errorsTotal().forEach((k, v) -> errorsTotal.merge(k, v, Long::sum));
            latency.add(r.latencyMicros());
        }

        ObjectNode toJson(String id) {
            ObjectNode o = Json.mapper().createObjectNode().put("id", id);
            o.putPOJO("hostedBy", List.copyOf(hostedBy));
            o.put("rate", round(rate)).put("errorRate", round(errorRate)).put("requests", requests)
                    .put("requestsTotal", requestsTotal);
            o.putPOJO("errors", errors);
            o.putPOJO("errorsTotal", errorsTotal);
            o.set("latencyMs", percentiles(latency));
            return o;
        }
    }

    /** p50, p90, p99 and max in milliseconds, or null without a latency in the interval. */
    private static com.fasterxml.jackson.databind.JsonNode percentiles(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return Json.mapper().nullNode();
        }
        return Json.mapper().createObjectNode().put("p50", ms(micros.getValueAtPercentile(50)))
                .put("p90", ms(micros.getValueAtPercentile(90))).put("p99", ms(micros.getValueAtPercentile(99)))
                .put("max", ms(micros.getMaxValue())).put("count", micros.getTotalCount());
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package io.meshgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.metrics.ProtocolErrors;
import io.meshgate.metrics.RequestStats;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What a heartbeat says about its node beyond its load: readiness, whether it drains, since when it
 * runs, and what its clients saw in the last interval, per service (requests, errors by code,
 * latency as an HdrHistogram) and its last protocol errors. Written into and read from the control
 * message's JSON data with fixed bounds ({@value #MAX_SERVICES} services, {@value #MAX_ERROR_CODES}
 * error codes per service, {@value #MAX_PROTOCOL_ERRORS} protocol errors, a histogram of at most
 * {@value #MAX_LATENCY_CHARS} characters and {@value #LATENCY_BUDGET_CHARS} of histograms in all),
 * on both sides, so that a heartbeat stays small whatever a node has seen. A heartbeat of an older node has none of these fields: {@link #NONE}.
 *
 * @param ready          the node's readiness ({@code /health/ready}), or null when not told
 * @param draining       whether the node has stopped taking work
 * @param startedAt      when the node started, or null when not told
 * @param intervalMs     how long the interval of {@code services} was
 * @param services       per service, the last interval and the totals since start
 * @param protocolErrors the node's last protocol errors, newest first
 */
public record NodeReport(Boolean ready, boolean draining, Instant startedAt, long intervalMs,
                         List<ServiceReport> services, List<ProtocolErrors.Entry> protocolErrors) {

    /** Services reported per heartbeat. */
    public static final int MAX_SERVICES = RequestStats.MAX_SERVICES + 1;
    /** Error codes reported per service (the most frequent). */
    public static final int MAX_ERROR_CODES = 16;
    /** Protocol errors reported per heartbeat. */
    public static final int MAX_PROTOCOL_ERRORS = 5;
    /** The largest encoded latency histogram taken. */
    public static final int MAX_LATENCY_CHARS = 8192;
    /**
     * The most characters of latency histograms one heartbeat carries: the busiest services' go
     * first, the others are told without latency. Keeps the largest heartbeat under 90 KiB, below
     * the size at which Artemis turns a message into a large (streamed) one.
     */
    public static final int LATENCY_BUDGET_CHARS = 32 * 1024;

    /** Nothing told (a heartbeat of a node that does not report). */
    public static final NodeReport NONE = new NodeReport(null, false, null, 0, List.of(), List.of());

    public NodeReport {
        services = List.copyOf(services.subList(0, Math.min(services.size(), MAX_SERVICES)));
        protocolErrors = List.copyOf(protocolErrors.subList(0, Math.min(protocolErrors.size(), MAX_PROTOCOL_ERRORS)));
    }

    /**
     * One service in a heartbeat.
     *
     * @param latency the interval's latencies in microseconds: an HdrHistogram, compressed and in
     *                base64; empty when the interval had none
     */
    public record ServiceReport(String service, long requests, Map<String, Long> errors, long requestsTotal,
                                Map<String, Long> errorsTotal, String latency) {
        public ServiceReport {
            errors = topCodes(errors);
            errorsTotal = topCodes(errorsTotal);
            latency = latency == null || latency.length() > MAX_LATENCY_CHARS ? "" : latency;
        }

        /** The report of one service's interval, its latency histogram encoded. */
        public static ServiceReport of(RequestStats.ServiceInterval i) {
            return new ServiceReport(i.service(), i.requests(), i.errors(), i.requestsTotal(), i.errorsTotal(),
                    encode(i.latencyMicros()));
        }

        /** The interval's latencies in microseconds; empty when none were told or they cannot be read. */
        public Histogram latencyMicros() {
            if (!latency.isEmpty()) {
                try {
                    return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(latency)), 0);
                } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
                    // a damaged histogram reads as an empty one
                }
            }
            return new Histogram(2);
        }
    }

    /** Writes this report's fields into a control message's data ({@link #NONE} writes none). */
    public void writeTo(ObjectNode data) {
        if (equals(NONE)) {
            return;
        }
        if (ready != null) {
            data.put("ready", ready);
        }
        data.put("draining", draining);
        if (startedAt != null) {
            data.put("startedAt", startedAt.toString());
        }
        data.put("intervalMs", intervalMs);
        java.util.Set<String> withLatency = new java.util.HashSet<>();
        int budget = LATENCY_BUDGET_CHARS;
        for (ServiceReport s : services.stream().sorted(Comparator.comparingLong(ServiceReport::requests).reversed())
                .toList()) {
            if (s.latency().length() <= budget) {
                budget -= s.latency().length();
                withLatency.add(s.service());
            }
        }
        ArrayNode stats = data.putArray("stats");
        for (ServiceReport s : services) {
            ObjectNode n = stats.addObject().put("service", s.service()).put("requests", s.requests());
            s.errors().forEach(n.putObject("errors")::put);
            n.put("requestsTotal", s.requestsTotal());
            s.errorsTotal().forEach(n.putObject("errorsTotal")::put);
            n.put("latency", withLatency.contains(s.service()) ? s.latency() : "");
        }
        ArrayNode errors = data.putArray("protocolErrors");
        for (ProtocolErrors.Entry e : protocolErrors) {
            errors.addObject().put("at", e.at().toString()).put("kind", e.kind()).put("session", e.session())
                    .put("message", e.message());
        }
    }

    /** The report in a control message's data; what is missing or unreadable is left out. */
    public static NodeReport readFrom(JsonNode data) {
        JsonNode ready = data.path("ready");
        List<ServiceReport> services = new ArrayList<>();
        for (JsonNode n : data.path("stats")) {
            if (services.size() == MAX_SERVICES) {
                break;
            }
            if (n.path("service").isTextual()) {
                services.add(new ServiceReport(n.path("service").asText(), n.path("requests").asLong(),
                        codes(n.path("errors")), n.path("requestsTotal").asLong(), codes(n.path("errorsTotal")),
                        n.path("latency").asText("")));
            }
        }
        List<ProtocolErrors.Entry> errors = new ArrayList<>();
        for (JsonNode n : data.path("protocolErrors")) {
            Instant at = instant(n.path("at"));
            if (errors.size() < MAX_PROTOCOL_ERRORS && at != null) {
                String message = n.path("message").asText("");
                errors.add(new ProtocolErrors.Entry(at, n.path("kind").asText("?"),
                        n.path("session").isTextual() ? n.path("session").asText() : null,
                        message.substring(0, Math.min(message.length(), ProtocolErrors.MESSAGE_CHARS))));
            }
        }
        return new NodeReport(ready.isBoolean() ? ready.asBoolean() : null, data.path("draining").asBoolean(false),
                instant(data.path("startedAt")), data.path("intervalMs").asLong(0), services, errors);
    }

    private static Map<String, Long> codes(JsonNode n) {
        Map<String, Long> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (m.size() < MAX_ERROR_CODES * 2) {
                m.put(e.getKey(), e.getValue().asLong());
            }
        });
        return m;
    }

    /** The {@value #MAX_ERROR_CODES} most frequent codes, most frequent first. */
    private static Map<String, Long> topCodes(Map<String, Long> codes) {
        Map<String, Long> top = new LinkedHashMap<>();
        codes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey())).limit(MAX_ERROR_CODES)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(top);
    }

    private static Instant instant(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return "";
        }
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }
}

package io.meshgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.JmsBinding;
import io.meshgate.envelope.JsonFormat;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.wire.Json;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CloudEvents envelope between nodes, for a request with 1 KiB of JSON params and for a reply
 * with a 1 KiB JSON result. {@code encodeRequest}/{@code encodeReply}: the typed view to its
 * envelope and the binary-mode form it has on the broker (the {@code cloudEvents_*} property map
 * and the data bytes); {@code decodeRequest}/{@code decodeReply}: back from that form to the typed
 * view. The {@code Json} methods do the same with the CloudEvents JSON format (a tap's view), whose
 * request decode stops at the envelope: that format reads the deadline back as a String, which
 * {@link MeshRequest#from} does not take. Also the client message codec on the same JSON: decoding
 * a client's request message and encoding a result message (its result already parsed).
 * Copying onto JMS messages is in {@link JmsMappingBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBench {

    private static final int SIZE = 1024;
    private static final Instant REQUEST_TIME = Instant.parse("2025-01-02T03:04:05.123Z");
    private static final Instant REPLY_TIME = Instant.parse("2025-01-02T03:04:05.187Z");

    private final JsonFormat jsonFormat = new JsonFormat();
    private final MessageCodec codec = new MessageCodec();
    private MeshRequest request;
    private MeshReply reply;
    private Map<String, Object> requestProperties;
    private byte[] requestBody;
    private Map<String, Object> replyProperties;
    private byte[] replyBody;
    private byte[] requestJson;
    private byte[] replyJson;
    private byte[] clientRequest;
    private WireMessage.Response clientResult;

    @Setup
    public void setUp() throws IOException {
        byte[] json = Payloads.params(SIZE);
        request = new MeshRequest("q2Lw8yR0T5i1kX3vZ7bN4A", "orders", "create", json, "s-7f3a9c21", "node-a",
                NodeIdentity.replyDestination("node-a"), REQUEST_TIME.plusSeconds(30), 80, 0, "order-42", REQUEST_TIME, null);
        reply = MeshReply.result(request.correlationId(), "node-b", json, REPLY_TIME);
        Envelope requestEnvelope = request.toEnvelope();
        Envelope replyEnvelope = reply.toEnvelope();
        requestProperties = JmsBinding.toProperties(requestEnvelope);
        requestBody = requestEnvelope.data();
        replyProperties = JmsBinding.toProperties(replyEnvelope);
        replyBody = replyEnvelope.data();
        requestJson = jsonFormat.serialize(requestEnvelope);
        replyJson = jsonFormat.serialize(replyEnvelope);
        clientRequest = Payloads.json(SIZE);
        clientResult = new WireMessage.Response("42", Json.mapper().readTree(json), "node-a", "node-b");

        check(decodeRequest().toEnvelope().equals(requestEnvelope), "request binary round trip");
        check(decodeReply().toEnvelope().equals(replyEnvelope), "reply binary round trip");
        Envelope requestFromJson = decodeRequestJson();
        check(requestFromJson.id().equals(request.correlationId()) && sameJson(requestFromJson.data(), json),
                "request JSON round trip");
        MeshReply replyFromJson = decodeReplyJson();
        check(replyFromJson.correlationId().equals(reply.correlationId()) && sameJson(replyFromJson.body(), json),
                "reply JSON round trip");
        check(decodeClientRequest() instanceof WireMessage.Request, "client request decode");
        check(codec.decode(encodeClientResult()).equals(clientResult), "client result round trip");
    }

    @Benchmark
    public void encodeRequest(Blackhole bh) {
        Envelope e = request.toEnvelope();
        bh.consume(JmsBinding.toProperties(e));
        bh.consume(e.data());
    }

    @Benchmark
    public MeshRequest decodeRequest() {
        return MeshRequest.from(JmsBinding.fromProperties(requestProperties, requestBody));
    }

    @Benchmark
    public void encodeReply(Blackhole bh) {
        Envelope e = reply.toEnvelope();
        bh.consume(JmsBinding.toProperties(e));
        bh.consume(e.data());
    }

    @Benchmark
    public MeshReply decodeReply() {
        return MeshReply.from(JmsBinding.fromProperties(replyProperties, replyBody));
    }

    @Benchmark
    public byte[] encodeRequestJson() {
        return jsonFormat.serialize(request.toEnvelope());
    }

    @Benchmark
    public Envelope decodeRequestJson() {
        return jsonFormat.deserialize(requestJson);
    }

    @Benchmark
    public byte[] encodeReplyJson() {
        return jsonFormat.serialize(reply.toEnvelope());
    }

    @Benchmark
    public MeshReply decodeReplyJson() {
        return MeshReply.from(jsonFormat.deserialize(replyJson));
    }

    @Benchmark
    public WireMessage decodeClientRequest() {
        return codec.decode(clientRequest);
    }

    @Benchmark
    public byte[] encodeClientResult() {
        return codec.encode(clientResult);
    }

    /** Whether two JSON texts hold the same value (the JSON format drops the payload's padding). */
    private static boolean sameJson(byte[] a, byte[] b) throws IOException {
        return Json.mapper().readTree(a).equals(Json.mapper().readTree(b));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " does not give back what went in");
        }
    }
}

package io.meshgate.bench;

import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.EnvelopeBatch;
import io.meshgate.envelope.JsonFormat;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two candidate bodies of a batch between nodes (PROTOCOL.md §7), for {@code size} replies
 * with a 1 KiB JSON result each: meshgate's length-prefixed list of binary-mode events
 * ({@link EnvelopeBatch}), and the CloudEvents JSON batch format ({@code application/cloudevents-batch+json},
 * a JSON array of structured events). Encode: from the replies to the body; decode: from the body
 * to the replies. The JSON decode is measured event by event from bytes already split (a lower
 * bound: a real batch reader also parses the array around them). Also each body's size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchFormatBench {

    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.123Z");

    @Param({"1", "8", "32"})
    public int size;

    private final JsonFormat jsonFormat = new JsonFormat();
    private List<MeshReply> replies;
    private byte[] binary;
    private List<byte[]> jsonEvents;

    @Setup
    public void setUp() {
        byte[] json = Payloads.params(1024);
        replies = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            MeshRequest request = new MeshRequest("q2Lw8yR0T5i1kX3vZ7bN" + i, "orders", "create", json, "s-7f3a9c2" + i,
                    "node-a", NodeIdentity.replyDestination("node-a"), TIME.plusSeconds(30), 80, 0, "order-" + i, TIME,
                    "c-" + i);
            replies.add(MeshReply.result(request.correlationId(), "node-b", json, TIME).answering(request));
        }
        binary = encodeBinary();
        jsonEvents = new ArrayList<>();
        for (MeshReply r : replies) {
            jsonEvents.add(jsonFormat.serialize(r.toEnvelope()));
        }
        System.out.printf("%n%d replies: binary batch %d bytes, JSON batch %d bytes%n", size, binary.length,
                encodeJson().length);
    }

    @Benchmark
    public byte[] encodeBinary() {
        List<Envelope> envelopes = new ArrayList<>(replies.size());
        for (MeshReply r : replies) {
            envelopes.add(r.toEnvelope());
        }
        return EnvelopeBatch.encode(envelopes);
    }

    @Benchmark
    public void decodeBinary(Blackhole bh) {
        for (Envelope e : EnvelopeBatch.decode(binary)) {
            bh.consume(MeshReply.from(e));
        }
    }

    @Benchmark
    public byte[] encodeJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1400 * replies.size());
        out.write('[');
        for (int i = 0; i < replies.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(jsonFormat.serialize(replies.get(i).toEnvelope()));
        }
        out.write(']');
        return out.toByteArray();
    }

    @Benchmark
    public void decodeJson(Blackhole bh) {
        for (byte[] event : jsonEvents) {
            bh.consume(MeshReply.from(jsonFormat.deserialize(event)));
        }
    }
}

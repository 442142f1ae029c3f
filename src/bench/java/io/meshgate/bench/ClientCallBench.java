package io.meshgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.Json;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.SecureChannel;
import io.meshgate.wire.WireMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Java client's per-call CPU path over the secure channel, with 1 KiB of JSON each way:
 * {@code clientSend} encodes a request and seals it (Brotli, AES-256-GCM, HMAC);
 * {@code roundTrip} adds what the node does with it (open, decode, encode an answer, seal) and
 * the client's receive (open, decode), so that the client's receive costs about
 * {@code roundTrip - 2 * clientSend}. Both sides run in one thread through a handshaken pair of
 * {@link SecureChannel}s, the frames passed as the WebSocket passes them (a slice of a larger
 * buffer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientCallBench {

    private final MessageCodec codec = new MessageCodec();
    private SecureChannel client;
    private SecureChannel server;
    private JsonNode params;
    private JsonNode result;
    private long next;

    @Setup
    public void setUp() throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("bench root");
        Credential node = ca.issueNode("node-1", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        Credential user = ca.issueClient("client", Duration.ofDays(1));
        CertificateVerifier verifier = new CertificateVerifier(ca.certificate());
        client = SecureChannel.client(user.chain(), user.key(), chain -> verifier.verify(chain, Usage.SERVER_AUTH),
                FrameLimits.defaults(), Duration.ofHours(1), Clock.systemUTC());
        server = SecureChannel.server(node.chain(), node.key(), chain -> verifier.verify(chain, Usage.CLIENT_AUTH),
                null, new byte[16], FrameLimits.defaults(), Duration.ofHours(1), Clock.systemUTC());
        FrameLayer.Inbound sh = server.open(client.start().get(0));
        FrameLayer.Inbound cf = client.open(sh.replies().get(0));
        FrameLayer.Inbound sf = server.open(cf.replies().get(0));
        client.open(sf.replies().get(0));
        params = Json.mapper().readTree(Payloads.params(1024));
        result = Json.mapper().readTree(Payloads.params(1024));
    }

    @Benchmark
    public List<ByteBuffer> clientSend() {
        return client.seal(codec.encode(request()), true);
    }

    @Benchmark
    public WireMessage roundTrip() {
        WireMessage.Request request = request();
        for (ByteBuffer frame : client.seal(codec.encode(request), true)) {
            byte[] asked = server.open(asReceived(frame)).payload();
            if (asked != null) {
                WireMessage.Request r = (WireMessage.Request) codec.decode(asked);
                for (ByteBuffer answer : server.seal(codec.encode(
                        new WireMessage.Response(r.id(), result, "node-1", "node-2")), true)) {
                    byte[] payload = client.open(asReceived(answer)).payload();
                    if (payload != null) {
                        return codec.decode(payload);
                    }
                }
            }
        }
        throw new IllegalStateException("no answer");
    }

    private WireMessage.Request request() {
        return new WireMessage.Request(Long.toString(++next), "orders", "create", params, 10_000,
                "k7Zq1Yw0bXy3mN5pQ8rT2u");
    }

    /** The frame as the JDK's WebSocket hands it over: a read-only slice of a larger heap buffer. */
    private static ByteBuffer asReceived(ByteBuffer frame) {
        ByteBuffer big = ByteBuffer.allocate(frame.remaining() + 64);
        big.position(32);
        big.put(frame.duplicate());
        big.flip().position(32);
        return big.slice();
    }
}

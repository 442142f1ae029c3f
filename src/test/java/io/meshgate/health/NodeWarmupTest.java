package io.meshgate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshgate.channel.ChannelSecurity;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.PlainFrameLayer;
import io.meshgate.wire.SecureChannel;
import io.meshgate.wire.WireMessage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class NodeWarmupTest {

    private static final Credential NODE = CertificateAuthority.create("warm-up test CA")
            .issueNode("node-1", List.of("localhost"), List.of(), Duration.ofDays(1));
    private static final IntFunction<WireMessage.Request> ECHO = n -> new WireMessage.Request(
            Integer.toString(n + 1), "echo", "echo", JsonNodeFactory.instance.objectNode().put("i", n), 5_000,
            "warmup-node-1-" + n);

    private static long inAMinute() {
        return System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    }

    private static ChannelSecurity.FramePair securePair() {
        SecureChannel.PeerVerifier any = chain -> { };
        return new ChannelSecurity.FramePair(
                SecureChannel.client(NODE.chain(), NODE.key(), any, FrameLimits.defaults(), Duration.ofHours(1),
                        Clock.systemUTC()),
                SecureChannel.server(NODE.chain(), NODE.key(), any, null, new byte[16], FrameLimits.defaults(),
                        Duration.ofHours(1), Clock.systemUTC()));
    }

    @Test
    void everyExchangeCrossesASecurePairAfterItsHandshake() {
        assertEquals(200, NodeWarmup.exchange(securePair(), 200, inAMinute(), ECHO, "node-1"));
    }

    @Test
    void everyExchangeCrossesAPlainPair() {
        PlainFrameLayer plain = new PlainFrameLayer(65_536);

        assertEquals(50, NodeWarmup.exchange(new ChannelSecurity.FramePair(plain, plain), 50, inAMinute(), ECHO,
                "node-1"));
    }

    @Test
    void noExchangeRunsPastTheDeadline() {
        assertEquals(0, NodeWarmup.exchange(securePair(), 200, System.nanoTime() - 1, ECHO, "node-1"));
    }

    @Test
    void aPairThatLosesTheRequestStopsTheWarmUp() {
        FrameLayer swallowing = new FrameLayer() {
            @Override
            public List<ByteBuffer> start() {
                return List.of();
            }

            @Override
            public Inbound open(ByteBuffer frame) {
                return new Inbound(null, List.of(), true);
            }

            @Override
            public List<ByteBuffer> seal(byte[] payload, boolean compress) {
                return List.of(ByteBuffer.wrap(payload));
            }

            @Override
            public boolean established() {
                return true;
            }

            @Override
            public String suite() {
                return "swallowing";
            }

            @Override
            public void verifyNode(String messageKind, String node) {
            }
        };

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NodeWarmup.exchange(
                new ChannelSecurity.FramePair(swallowing, swallowing), 5, inAMinute(), ECHO, "node-1"));
        assertEquals("warm-up request 0 did not come through the channel", e.getMessage());
    }
}

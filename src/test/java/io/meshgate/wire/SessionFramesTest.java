package io.meshgate.wire;

import static io.meshgate.wire.ChannelFixture.CLIENT;
import static io.meshgate.wire.ChannelFixture.HOUR;
import static io.meshgate.wire.ChannelFixture.LIMITS;
import static io.meshgate.wire.ChannelFixture.NODE;
import static io.meshgate.wire.ChannelFixture.handshake;
import static io.meshgate.wire.ChannelFixture.one;
import static io.meshgate.wire.ChannelFixture.utf8;
import static io.meshgate.wire.VectorChannels.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.SealedFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sealed frames and rekeys once the handshake has ended ({@link SessionFrames}), through the {@link SecureChannel}. */
class SessionFramesTest {

    private final ChannelFixture f = new ChannelFixture();
    private final SecureChannel client = f.client(CLIENT);
    private final SecureChannel server = f.server(null);

    @BeforeEach
    void establish() {
        handshake(client, server);
    }

    @Test
    void dataFlowsBothWaysAfterTheHandshake() {
        assertArrayEquals(utf8("{\"kind\":\"req\"}"), server.open(one(client.seal(utf8("{\"kind\":\"req\"}")))).payload());
        assertArrayEquals(utf8("{\"kind\":\"res\"}"), client.open(one(server.seal(utf8("{\"kind\":\"res\"}")))).payload());
    }

    @Test
    void everySingleBitFlipOfASealedFrameIsRejected() {
        byte[] frame = bytes(one(client.seal(utf8("{\"kind\":\"req\",\"id\":\"1\"}"))));
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] flipped = frame.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(flipped)),
                    "bit " + bit);
            assertTrue(e.kind().closesSession(), "bit " + bit + ": " + e.kind());
        }
        assertArrayEquals(utf8("{\"kind\":\"req\",\"id\":\"1\"}"), server.open(ByteBuffer.wrap(frame)).payload());
    }

    @Test
    void replayedFrameIsRejected() {
        byte[] frame = bytes(one(client.seal(utf8("{}"))));
        server.open(ByteBuffer.wrap(frame));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(frame)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
        assertEquals(4005, e.kind().closeCode());
    }

    @Test
    void reorderedFrameIsRejected() {
        client.seal(utf8("{}"));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(client.seal(utf8("{}")))));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void frameReflectedToItsSenderIsRejected() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(server.seal(utf8("{}")))));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void truncatedFrameIsRejected() {
        byte[] frame = bytes(one(client.seal(utf8("{}"))));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server.open(ByteBuffer.wrap(frame, 0, frame.length - 1)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void oversizeFrameIsRejectedWith1009() {
        byte[] big = new byte[64 * 1024 + 1];
        big[0] = 1;
        big[1] = HandshakeMessage.DATA;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(big)));

        assertEquals(MeshgateException.Kind.FRAME_TOO_LARGE, e.kind());
        assertEquals(1009, e.kind().closeCode());
    }

    @Test
    void payloadThatCannotFitAFrameIsRefusedWith1009() {
        byte[] random = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(random);

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.seal(random));

        assertEquals(MeshgateException.Kind.FRAME_TOO_LARGE, e.kind());
        assertEquals("sealed frame would be 65595 bytes, over 65536", e.getMessage());
    }

    @Test
    void rekeyAfterTheFrameLimitKeepsEveryFrame() {
        FrameLimits small = LIMITS.withMaxFramesPerKey(32);
        SecureChannel smallClient = f.client(CLIENT, small);
        SecureChannel smallServer = f.server(NODE, null, small);
        handshake(smallClient, smallServer);
        List<byte[]> received = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            for (ByteBuffer frame : smallClient.seal(utf8("{\"n\":" + i + "}"))) {
                byte[] p = smallServer.open(frame).payload();
                if (p != null) {
                    received.add(p);
                }
            }
        }

        assertEquals(100, received.size());
        assertArrayEquals(utf8("{\"n\":99}"), received.get(99));
        assertTrue(smallClient.sendGeneration() >= 3, "generation " + smallClient.sendGeneration());
    }

    @Test
    void rekeyIsDueAfterTheConfiguredTime() {
        f.clock.advance(HOUR);

        List<ByteBuffer> frames = client.seal(utf8("{}"));

        assertEquals(2, frames.size(), "a REKEY frame, then the data");
        assertNull(server.open(frames.get(0)).payload());
        assertArrayEquals(utf8("{}"), server.open(frames.get(1)).payload());
        assertEquals(1, client.sendGeneration());
    }

    @Test
    void rekeyOfOneDirectionLeavesTheOtherAtItsGeneration() {
        SecureChannel eager = f.client(CLIENT, LIMITS.withMaxFramesPerKey(16));
        SecureChannel node = f.server(null);
        handshake(eager, node);
        for (int i = 0; i < 16; i++) {
            for (ByteBuffer frame : eager.seal(utf8("{}"))) {
                node.open(frame);
            }
        }

        assertEquals(1, eager.sendGeneration());
        assertEquals(0, node.sendGeneration());
        assertArrayEquals(utf8("{}"), eager.open(one(node.seal(utf8("{}")))).payload());
    }

    @Test
    void frameUnderTheNewKeyIsRejectedWhenTheRekeyWasNotSeen() {
        f.clock.advance(HOUR);
        List<ByteBuffer> frames = client.seal(utf8("{}"));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(frames.get(1)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void largePayloadIsCompressedUnlessTheSenderSwitchesItOff() {
        byte[] large = utf8("{\"kind\":\"res\",\"result\":\"" + "payroll ".repeat(100) + "\"}");

        byte[] compressed = bytes(one(server.seal(large, true)));
        byte[] plain = bytes(one(server.seal(large, false)));

        assertEquals(SealedFrame.FLAG_COMPRESSED, compressed[2]);
        assertEquals(0, plain[2]);
        assertEquals(large.length + SealedFrame.OVERHEAD, plain.length);
        assertArrayEquals(large, client.open(ByteBuffer.wrap(compressed)).payload());
        assertArrayEquals(large, client.open(ByteBuffer.wrap(plain)).payload());
    }
}

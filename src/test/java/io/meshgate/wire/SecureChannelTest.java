package io.meshgate.wire;

import static io.meshgate.wire.ChannelFixture.CLIENT;
import static io.meshgate.wire.ChannelFixture.NODE;
import static io.meshgate.wire.ChannelFixture.handshake;
import static io.meshgate.wire.ChannelFixture.one;
import static io.meshgate.wire.ChannelFixture.utf8;
import static io.meshgate.wire.VectorChannels.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.pki.CertificateVerifier;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The facade: which job each inbound message goes to, before and after the handshake ends. The
 * roles' rules are in {@link ClientHandshakeTest} and {@link ServerHandshakeTest}, the sealed
 * frames' in {@link SessionFramesTest}.
 */
class SecureChannelTest {

    private final ChannelFixture f = new ChannelFixture();

    @Test
    void handshakeEstablishesBothSides() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);

        handshake(client, server);

        assertTrue(client.established());
        assertTrue(server.established());
        assertEquals(CLIENT.certificate(), server.peerCertificate());
        assertEquals(NODE.certificate(), client.peerCertificate());
    }

    @Test
    void peerFingerprintIsTheSha256OfThePeersCertificate() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);

        handshake(client, server);

        assertEquals(CertificateVerifier.fingerprint(CLIENT.certificate()),
                HexFormat.of().formatHex(server.peerFingerprint()));
    }

    @Test
    void channelHasNoPeerBeforeTheHandshake() {
        SecureChannel server = f.server(null);

        assertNull(server.peerCertificate());
        assertArrayEquals(new byte[0], server.peerFingerprint());
        assertFalse(server.established());
    }

    @Test
    void nothingCanBeSealedBeforeTheHandshakeEnds() {
        SecureChannel client = f.client(CLIENT);
        client.start();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.seal(utf8("{}")));

        assertEquals("cannot send before the handshake ends", e.getMessage());
    }

    @Test
    void messageOfFewerThanTwoBytesIsMalformed() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(ByteBuffer.wrap(new byte[] {1})));

        assertEquals(MeshgateException.Kind.MALFORMED_FRAME, e.kind());
        assertEquals(1007, e.kind().closeCode());
    }

    @Test
    void serverRefusesAPlainJsonPayloadBeforeTheHandshakeEndsWith4004() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(ByteBuffer.wrap(utf8("{\"kind\":\"req\"}"))));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals(4004, e.kind().closeCode());
        assertEquals("data frame before the handshake ended", e.getMessage());
    }

    @Test
    void serverRefusesADataFrameBeforeTheHandshakeEnds() {
        byte[] data = {1, HandshakeMessage.DATA, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        MeshgateException e = assertThrows(MeshgateException.class, () -> f.server(null).open(ByteBuffer.wrap(data)));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals("data frame before the handshake ended", e.getMessage());
    }

    @Test
    void serverRefusesASecondHandshake() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);
        handshake(client, server);

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server.open(one(f.client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals("a second handshake is not allowed", e.getMessage());
    }

    @ParameterizedTest(name = "byte {0} set to {1}: {2}")
    @CsvSource({
            "0, 2, MALFORMED_FRAME, unknown frame version 2",
            "1, 3, FRAME_REJECTED, frame HMAC does not verify",
            "1, 17, UNEXPECTED_FRAME, a second handshake is not allowed",
            "2, 2, FRAME_REJECTED, frame HMAC does not verify"})
    void serverRefusesASealedFrameWithAChangedHeaderByte(int index, byte value, MeshgateException.Kind kind,
            String message) {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);
        handshake(client, server);
        byte[] frame = bytes(one(client.seal(utf8("{}"))));
        frame[index] = value;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(frame)));

        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void suiteNamesEveryPrimitive() {
        assertEquals("ECDH-P256+HKDF-SHA256+AES-256-GCM+HMAC-SHA256+BROTLI", f.client(CLIENT).suite());
    }
}

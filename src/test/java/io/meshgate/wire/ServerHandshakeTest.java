package io.meshgate.wire;

import static io.meshgate.wire.ChannelFixture.CA;
import static io.meshgate.wire.ChannelFixture.CLIENT;
import static io.meshgate.wire.ChannelFixture.HOUR;
import static io.meshgate.wire.ChannelFixture.LIMITS;
import static io.meshgate.wire.ChannelFixture.NODE;
import static io.meshgate.wire.ChannelFixture.OTHER_CA;
import static io.meshgate.wire.ChannelFixture.SESSION_ID;
import static io.meshgate.wire.ChannelFixture.handshake;
import static io.meshgate.wire.ChannelFixture.one;
import static io.meshgate.wire.VectorChannels.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.DenyList;
import io.meshgate.crypto.pki.Usage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The node's part of the handshake ({@link ServerHandshake}), driven through its {@link SecureChannel}. */
class ServerHandshakeTest {

    private final ChannelFixture f = new ChannelFixture();

    @Test
    void serverRefusesAClientCertificateFromAnotherCa() {
        Credential stranger = OTHER_CA.issueClient("mallory", Duration.ofDays(1));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(one(f.client(stranger).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals(4002, e.kind().closeCode());
    }

    @Test
    void serverRefusesAnExpiredClientCertificate() {
        Credential expired = CA.issue("old", List.of(Usage.CLIENT_AUTH), Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)), List.of(), List.of());

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(one(f.client(expired).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesACertificateNotIssuedForClientAuthentication() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(one(f.client(NODE).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesACertificateOnTheDenyList() {
        CertificateVerifier denying = f.verifier.withDenyList(
                DenyList.of(Set.of(CertificateVerifier.fingerprint(CLIENT.certificate()))));
        SecureChannel server = SecureChannel.server(NODE.chain(), NODE.key(),
                chain -> denying.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, f.clock);

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(f.client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesAHandshakeCertificateOtherThanTheOneTlsVerified() {
        Credential bob = CA.issueClient("bob", Duration.ofDays(1));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(bob.certificate()).open(one(f.client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("handshake certificate is not the one TLS verified", e.getMessage());
    }

    @Test
    void serverAcceptsTheCertificateTlsVerified() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(CLIENT.certificate());

        handshake(client, server);

        assertTrue(server.established());
    }

    @ParameterizedTest(name = "{0} certificates")
    @ValueSource(ints = {0, 5})
    void serverRefusesAClientHelloWithoutOneToFourCertificatesWith4002(int certificates) {
        HandshakeMessage ch = HandshakeMessage.decode(bytes(one(f.client(CLIENT).start())),
                HandshakeMessage.CLIENT_HELLO, 3);
        List<byte[]> fields = new ArrayList<>(ch.fields().subList(0, 2));
        fields.addAll(Collections.nCopies(certificates, ch.fields().get(2)));
        byte[] hello = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();

        MeshgateException e = assertThrows(MeshgateException.class, () -> f.server(null).open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("certificate chain must hold 1 to 4 certificates", e.getMessage());
    }

    @Test
    void serverRefusesAHandshakeMessageOfAnotherVersionWith4001() {
        byte[] hello = bytes(one(f.client(CLIENT).start()));
        hello[0] = 2;

        MeshgateException e = assertThrows(MeshgateException.class, () -> f.server(null).open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals(4001, e.kind().closeCode());
        assertEquals("unknown protocol version 2", e.getMessage());
    }

    @Test
    void serverRefusesAClientKeyThatIsNotOnTheCurve() {
        byte[] hello = bytes(one(f.client(CLIENT).start()));
        HandshakeMessage m = HandshakeMessage.decode(hello, HandshakeMessage.CLIENT_HELLO, 3);
        List<byte[]> fields = new ArrayList<>(m.fields());
        byte[] point = fields.get(1).clone();
        point[64] ^= 1;
        fields.set(1, point);
        byte[] offCurve = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(ByteBuffer.wrap(offCurve)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("public point is not on P-256", e.getMessage());
    }

    @Test
    void serverRefusesATamperedClientSignature() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);
        byte[] tampered = bytes(one(client.open(one(server.open(one(client.start())).replies())).replies()));
        tampered[10] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("client signature does not verify", e.getMessage());
    }

    @Test
    void serverRefusesAWrongKeyConfirmation() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel server = f.server(null);
        byte[] tampered = bytes(one(client.open(one(server.open(one(client.start())).replies())).replies()));
        tampered[tampered.length - 1] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("client key confirmation failed", e.getMessage());
    }

    @Test
    void serverRefusesAGarbledClientHello() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> f.server(null).open(ByteBuffer.wrap(new byte[] {1, HandshakeMessage.CLIENT_HELLO, 0, 40, 1})));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("field longer than the message", e.getMessage());
    }

    @Test
    void serverRefusesAClientFinishInPlaceOfTheClientHello() {
        byte[] finish = new HandshakeMessage(HandshakeMessage.CLIENT_FINISH, List.of(new byte[64], new byte[32]))
                .encode();

        MeshgateException e = assertThrows(MeshgateException.class, () -> f.server(null).open(ByteBuffer.wrap(finish)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("expected message kind 0x10, got 0x12", e.getMessage());
    }

    @Test
    void serverSideHasNoNodeToCheck() {
        SecureChannel server = f.server(null);
        handshake(f.client(CLIENT), server);

        assertThrows(IllegalStateException.class, () -> server.verifyNode("hello", "node-1"));
    }

    @Test
    void serverSendsNothingBeforeTheClientHello() {
        assertEquals(List.of(), f.server(null).start());
    }

    @Test
    void serverRefusesASessionIdThatIsNot16Bytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecureChannel.server(NODE.chain(), NODE.key(), chain -> { }, null, new byte[15], LIMITS, HOUR,
                        f.clock));

        assertEquals("session id must be 16 bytes", e.getMessage());
    }
}

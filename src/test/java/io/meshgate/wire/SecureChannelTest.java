package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.DenyList;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.crypto.pki.PemFiles;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.testing.MutableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecureChannelTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("test root");
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.create("other root");
    private static final Credential NODE = CA.issueNode("node-1", List.of("localhost"), List.of("127.0.0.1"),
            Duration.ofDays(1));
    private static final Credential CLIENT = CA.issueClient("alice", Duration.ofDays(1));
    private static final byte[] SESSION_ID = new byte[16];
    private static final FrameLimits LIMITS = FrameLimits.defaults();
    private static final Duration HOUR = Duration.ofHours(1);

    private static final MessageCodec CODEC = new MessageCodec();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final CertificateVerifier verifier = new CertificateVerifier(CA.certificate());

    @Test
    void handshakeEstablishesBothSides() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);

        handshake(client, server);

        assertTrue(client.established());
        assertTrue(server.established());
        assertEquals(CLIENT.certificate(), server.peerCertificate());
        assertEquals(NODE.certificate(), client.peerCertificate());
    }

    @Test
    void dataFlowsBothWaysAfterTheHandshake() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);

        assertArrayEquals(utf8("{\"kind\":\"req\"}"), server.open(one(client.seal(utf8("{\"kind\":\"req\"}")))).payload());
        assertArrayEquals(utf8("{\"kind\":\"res\"}"), client.open(one(server.seal(utf8("{\"kind\":\"res\"}")))).payload());
    }

    @Test
    void serverRefusesAClientCertificateFromAnotherCa() {
        Credential stranger = OTHER_CA.issueClient("mallory", Duration.ofDays(1));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(one(client(stranger).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals(4002, e.kind().closeCode());
    }

    @Test
    void serverRefusesAnExpiredClientCertificate() {
        Credential expired = CA.issue("old", List.of(Usage.CLIENT_AUTH), Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)), List.of(), List.of());

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(one(client(expired).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesACertificateNotIssuedForClientAuthentication() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(one(client(NODE).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesACertificateOnTheDenyList() {
        CertificateVerifier denying = verifier.withDenyList(
                DenyList.of(Set.of(CertificateVerifier.fingerprint(CLIENT.certificate()))));
        SecureChannel server = SecureChannel.server(NODE.chain(), NODE.key(),
                chain -> denying.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, clock);

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void serverRefusesAHandshakeCertificateOtherThanTheOneTlsVerified() {
        Credential bob = CA.issueClient("bob", Duration.ofDays(1));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(bob.certificate()).open(one(client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("handshake certificate is not the one TLS verified", e.getMessage());
    }

    @Test
    void serverAcceptsTheCertificateTlsVerified() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(CLIENT.certificate());

        handshake(client, server);

        assertTrue(server.established());
    }

    @Test
    void clientRefusesAServerHelloWithABadSignature() {
        SecureChannel client = client(CLIENT);
        ByteBuffer serverHello = one(server(null).open(one(client.start())).replies());
        byte[] tampered = bytes(serverHello);
        tampered[tampered.length - 1] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("server signature does not verify", e.getMessage());
    }

    @Test
    void clientRefusesAServerCertificateNotIssuedForServerAuthentication() {
        SecureChannel client = client(CLIENT);
        SecureChannel impostor = SecureChannel.server(CLIENT.chain(), CLIENT.key(),
                chain -> verifier.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, clock);
        ByteBuffer serverHello = one(impostor.open(one(client.start())).replies());

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(serverHello));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
    }

    @Test
    void clientRefusesAServerHelloSignedWithNginxsKey() throws Exception {
        LocalPki pki = LocalPki.create(dir, List.of("node-1"));
        X509Certificate root = PemFiles.readCertificate(pki.caCert());
        Credential nginx = PemFiles.readCredential(pki.nginxCert(), pki.nginxKey(), root);
        CertificateVerifier trusting = new CertificateVerifier(root);
        SecureChannel client = localClient(pki, trusting);
        SecureChannel proxy = SecureChannel.server(nginx.chain(), nginx.key(),
                chain -> trusting.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, clock);
        ByteBuffer serverHello = one(proxy.open(one(client.start())).replies());

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(serverHello));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals(4002, e.kind().closeCode());
        assertEquals("the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)",
                e.getMessage());
    }

    @Test
    void clientAcceptsTheHelloOfTheNodeItsLocalPkiCertificateNames() throws Exception {
        LocalPki pki = LocalPki.create(dir, List.of("node-1"));
        X509Certificate root = PemFiles.readCertificate(pki.caCert());
        Credential node = PemFiles.readCredential(pki.nodeCert("node-1"), pki.nodeKey("node-1"), root);
        CertificateVerifier trusting = new CertificateVerifier(root);
        SecureChannel client = localClient(pki, trusting);
        SecureChannel server = SecureChannel.server(node.chain(), node.key(),
                chain -> trusting.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, clock);
        handshake(client, server);

        WireMessage hello = CODEC.decode(client.open(one(server.seal(CODEC.encode(
                new WireMessage.Hello("AAAAAAAAAAAAAAAAAAAAAA", "node-1"))))).payload());

        assertDoesNotThrow(() -> client.verifyNode("hello", ((WireMessage.Hello) hello).node()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "resumed"})
    void clientRefusesAHelloOrResumedNamingAnotherNodeThanItsCertificate(String kind) {
        SecureChannel client = client(CLIENT);
        handshake(client, server(null));

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.verifyNode(kind, "node-2"));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals(kind + " names node 'node-2' but the server certificate is for node 'node-1'", e.getMessage());
    }

    @Test
    void clientRefusesAHelloFromANodeCertificateThatNamesNoNode() {
        Credential unnamed = CA.issue("unnamed", List.of(Usage.SERVER_AUTH, Usage.MESHGATE_NODE),
                Instant.now().minus(HOUR), Instant.now().plus(HOUR), List.of("localhost"), List.of());
        SecureChannel client = client(CLIENT);
        handshake(client, SecureChannel.server(unnamed.chain(), unnamed.key(),
                chain -> verifier.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, clock));

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.verifyNode("hello", "unnamed"));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("the server certificate names 0 nodes; exactly one urn:meshgate:node: URI is required",
                e.getMessage());
    }

    @Test
    void serverSideHasNoNodeToCheck() {
        SecureChannel server = server(null);
        handshake(client(CLIENT), server);

        assertThrows(IllegalStateException.class, () -> server.verifyNode("hello", "node-1"));
    }

    @ParameterizedTest(name = "{0} certificates")
    @ValueSource(ints = {0, 5})
    void serverRefusesAClientHelloWithoutOneToFourCertificatesWith4002(int certificates) {
        HandshakeMessage ch = HandshakeMessage.decode(bytes(one(client(CLIENT).start())), HandshakeMessage.CLIENT_HELLO, 3);
        List<byte[]> fields = new ArrayList<>(ch.fields().subList(0, 2));
        fields.addAll(java.util.Collections.nCopies(certificates, ch.fields().get(2)));
        byte[] hello = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();

        MeshgateException e = assertThrows(MeshgateException.class, () -> server(null).open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("certificate chain must hold 1 to 4 certificates", e.getMessage());
    }

    @ParameterizedTest(name = "{0} certificates")
    @ValueSource(ints = {0, 5})
    void clientRefusesAServerHelloWithoutOneToFourCertificatesWith4002(int certificates) {
        SecureChannel client = client(CLIENT);
        byte[] original = bytes(one(server(null).open(one(client.start())).replies()));
        List<byte[]> fields = HandshakeMessage.decode(original, HandshakeMessage.SERVER_HELLO, 5).fields();
        List<byte[]> changed = new ArrayList<>(fields.subList(0, 3));
        changed.addAll(java.util.Collections.nCopies(certificates, fields.get(3)));
        changed.add(fields.get(fields.size() - 1));
        byte[] hello = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, changed).encode();

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("certificate chain must hold 1 to 4 certificates", e.getMessage());
    }

    @Test
    void serverRefusesAHandshakeMessageOfAnotherVersionWith4001() {
        byte[] hello = bytes(one(client(CLIENT).start()));
        hello[0] = 2;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server(null).open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals(4001, e.kind().closeCode());
        assertEquals("unknown protocol version 2", e.getMessage());
    }

    @Test
    void serverRefusesAPlainJsonPayloadBeforeTheHandshakeEndsWith4004() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(ByteBuffer.wrap(utf8("{\"kind\":\"req\"}"))));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals(4004, e.kind().closeCode());
        assertEquals("data frame before the handshake ended", e.getMessage());
    }

    @ParameterizedTest(name = "byte {0} set to {1}: {2}")
    @CsvSource({
            "0, 2, MALFORMED_FRAME, unknown frame version 2",
            "1, 3, FRAME_REJECTED, frame HMAC does not verify",
            "1, 17, UNEXPECTED_FRAME, a second handshake is not allowed",
            "2, 2, FRAME_REJECTED, frame HMAC does not verify"})
    void serverRefusesASealedFrameWithAChangedHeaderByte(int index, byte value, MeshgateException.Kind kind,
            String message) {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        byte[] frame = bytes(one(client.seal(utf8("{}"))));
        frame[index] = value;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(frame)));

        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void serverRefusesAClientKeyThatIsNotOnTheCurve() {
        byte[] hello = bytes(one(client(CLIENT).start()));
        HandshakeMessage m = HandshakeMessage.decode(hello, HandshakeMessage.CLIENT_HELLO, 3);
        List<byte[]> fields = new ArrayList<>(m.fields());
        byte[] point = fields.get(1).clone();
        point[64] ^= 1;
        fields.set(1, point);
        byte[] offCurve = new HandshakeMessage(HandshakeMessage.CLIENT_HELLO, fields).encode();

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(ByteBuffer.wrap(offCurve)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("public point is not on P-256", e.getMessage());
    }

    @Test
    void serverRefusesATamperedClientSignature() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        ByteBuffer finish = one(client.open(one(server.open(one(client.start())).replies())).replies());
        byte[] tampered = bytes(finish);
        tampered[10] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("client signature does not verify", e.getMessage());
    }

    @Test
    void serverRefusesAWrongKeyConfirmation() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        ByteBuffer finish = one(client.open(one(server.open(one(client.start())).replies())).replies());
        byte[] tampered = bytes(finish);
        tampered[tampered.length - 1] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("client key confirmation failed", e.getMessage());
    }

    @Test
    void serverRefusesADataFrameBeforeTheHandshakeEnds() {
        SecureChannel server = server(null);
        byte[] data = {1, HandshakeMessage.DATA, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(data)));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals("data frame before the handshake ended", e.getMessage());
    }

    @Test
    void serverRefusesASecondHandshake() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server.open(one(client(CLIENT).start())));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals("a second handshake is not allowed", e.getMessage());
    }

    @Test
    void serverRefusesAGarbledClientHello() {
        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server(null).open(ByteBuffer.wrap(new byte[] {1, HandshakeMessage.CLIENT_HELLO, 0, 40, 1})));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("field longer than the message", e.getMessage());
    }

    @Test
    void everySingleBitFlipOfASealedFrameIsRejected() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
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
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        byte[] frame = bytes(one(client.seal(utf8("{}"))));
        server.open(ByteBuffer.wrap(frame));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(frame)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
        assertEquals(4005, e.kind().closeCode());
    }

    @Test
    void reorderedFrameIsRejected() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        client.seal(utf8("{}"));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(client.seal(utf8("{}")))));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void frameReflectedToItsSenderIsRejected() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(one(server.seal(utf8("{}")))));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void truncatedFrameIsRejected() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        byte[] frame = bytes(one(client.seal(utf8("{}"))));

        MeshgateException e = assertThrows(MeshgateException.class,
                () -> server.open(ByteBuffer.wrap(frame, 0, frame.length - 1)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void oversizeFrameIsRejectedWith1009() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        byte[] big = new byte[64 * 1024 + 1];
        big[0] = 1;
        big[1] = HandshakeMessage.DATA;

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(ByteBuffer.wrap(big)));

        assertEquals(MeshgateException.Kind.FRAME_TOO_LARGE, e.kind());
        assertEquals(1009, e.kind().closeCode());
    }

    @Test
    void rekeyAfterTheFrameLimitKeepsEveryFrame() {
        FrameLimits small = LIMITS.withMaxFramesPerKey(32);
        SecureChannel client = SecureChannel.client(CLIENT.chain(), CLIENT.key(),
                chain -> verifier.verify(chain, Usage.SERVER_AUTH), small, HOUR, clock);
        SecureChannel server = SecureChannel.server(NODE.chain(), NODE.key(),
                chain -> verifier.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, small, HOUR, clock);
        handshake(client, server);
        List<byte[]> received = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            for (ByteBuffer f : client.seal(utf8("{\"n\":" + i + "}"))) {
                byte[] p = server.open(f).payload();
                if (p != null) {
                    received.add(p);
                }
            }
        }

        assertEquals(100, received.size());
        assertArrayEquals(utf8("{\"n\":99}"), received.get(99));
        assertTrue(client.sendGeneration() >= 3, "generation " + client.sendGeneration());
    }

    @Test
    void rekeyIsDueAfterTheConfiguredTime() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        clock.advance(HOUR);

        List<ByteBuffer> frames = client.seal(utf8("{}"));

        assertEquals(2, frames.size(), "a REKEY frame, then the data");
        assertNull(server.open(frames.get(0)).payload());
        assertArrayEquals(utf8("{}"), server.open(frames.get(1)).payload());
        assertEquals(1, client.sendGeneration());
    }

    @Test
    void frameUnderTheNewKeyIsRejectedWhenTheRekeyWasNotSeen() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        clock.advance(HOUR);
        List<ByteBuffer> frames = client.seal(utf8("{}"));

        MeshgateException e = assertThrows(MeshgateException.class, () -> server.open(frames.get(1)));

        assertEquals(MeshgateException.Kind.FRAME_REJECTED, e.kind());
    }

    @Test
    void largePayloadIsCompressedUnlessTheSenderSwitchesItOff() {
        SecureChannel client = client(CLIENT);
        SecureChannel server = server(null);
        handshake(client, server);
        byte[] large = utf8("{\"kind\":\"res\",\"result\":\"" + "payroll ".repeat(100) + "\"}");

        byte[] compressed = bytes(one(server.seal(large, true)));
        byte[] plain = bytes(one(server.seal(large, false)));

        assertEquals(io.meshgate.crypto.SealedFrame.FLAG_COMPRESSED, compressed[2]);
        assertEquals(0, plain[2]);
        assertEquals(large.length + io.meshgate.crypto.SealedFrame.OVERHEAD, plain.length);
        assertArrayEquals(large, client.open(ByteBuffer.wrap(compressed)).payload());
        assertArrayEquals(large, client.open(ByteBuffer.wrap(plain)).payload());
    }

    @Test
    void suiteNamesEveryPrimitive() {
        assertEquals("ECDH-P256+HKDF-SHA256+AES-256-GCM+HMAC-SHA256+BROTLI", client(CLIENT).suite());
    }

    private SecureChannel localClient(LocalPki pki, CertificateVerifier trusting) throws Exception {
        Credential alice = PemFiles.readCredential(pki.clientCert(), pki.clientKey(), trusting.trustedRoot());
        return SecureChannel.client(alice.chain(), alice.key(), chain -> trusting.verify(chain, Usage.SERVER_AUTH),
                LIMITS, HOUR, clock);
    }

    private SecureChannel client(Credential credential) {
        return SecureChannel.client(credential.chain(), credential.key(),
                chain -> verifier.verify(chain, Usage.SERVER_AUTH), LIMITS, HOUR, clock);
    }

    private SecureChannel server(X509Certificate tlsCertificate) {
        return SecureChannel.server(NODE.chain(), NODE.key(), chain -> verifier.verify(chain, Usage.CLIENT_AUTH),
                tlsCertificate, SESSION_ID, LIMITS, HOUR, clock);
    }

    private static void handshake(SecureChannel client, SecureChannel server) {
        FrameLayer.Inbound serverHello = server.open(one(client.start()));
        FrameLayer.Inbound clientFinish = client.open(one(serverHello.replies()));
        FrameLayer.Inbound serverFinish = server.open(one(clientFinish.replies()));
        assertTrue(serverFinish.established());
        FrameLayer.Inbound done = client.open(one(serverFinish.replies()));
        assertTrue(done.established());
        assertFalse(done.replies().iterator().hasNext());
    }

    private static ByteBuffer one(List<ByteBuffer> frames) {
        assertEquals(1, frames.size());
        return frames.get(0).duplicate();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

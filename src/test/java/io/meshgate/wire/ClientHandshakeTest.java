package io.meshgate.wire;

import static io.meshgate.wire.ChannelFixture.CA;
import static io.meshgate.wire.ChannelFixture.CLIENT;
import static io.meshgate.wire.ChannelFixture.HOUR;
import static io.meshgate.wire.ChannelFixture.LIMITS;
import static io.meshgate.wire.ChannelFixture.SESSION_ID;
import static io.meshgate.wire.ChannelFixture.handshake;
import static io.meshgate.wire.ChannelFixture.one;
import static io.meshgate.wire.VectorChannels.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.crypto.pki.PemFiles;
import io.meshgate.crypto.pki.Usage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's part of the handshake ({@link ClientHandshake}), driven through its {@link SecureChannel}. */
class ClientHandshakeTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @TempDir
    Path dir;

    private final ChannelFixture f = new ChannelFixture();

    @Test
    void clientRefusesAServerHelloWithABadSignature() {
        SecureChannel client = f.client(CLIENT);
        byte[] tampered = bytes(one(f.server(null).open(one(client.start())).replies()));
        tampered[tampered.length - 1] ^= 1;

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(ByteBuffer.wrap(tampered)));

        assertEquals(MeshgateException.Kind.HANDSHAKE_FAILED, e.kind());
        assertEquals("server signature does not verify", e.getMessage());
    }

    @Test
    void clientRefusesAServerCertificateNotIssuedForServerAuthentication() {
        SecureChannel client = f.client(CLIENT);
        SecureChannel impostor = f.server(CLIENT, null, LIMITS);
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
        SecureChannel proxy = localServer(nginx, trusting);
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
        SecureChannel server = localServer(node, trusting);
        handshake(client, server);

        WireMessage hello = CODEC.decode(client.open(one(server.seal(CODEC.encode(
                new WireMessage.Hello("AAAAAAAAAAAAAAAAAAAAAA", "node-1"))))).payload());

        assertDoesNotThrow(() -> client.verifyNode("hello", ((WireMessage.Hello) hello).node()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "resumed"})
    void clientRefusesAHelloOrResumedNamingAnotherNodeThanItsCertificate(String kind) {
        SecureChannel client = f.client(CLIENT);
        handshake(client, f.server(null));

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.verifyNode(kind, "node-2"));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals(kind + " names node 'node-2' but the server certificate is for node 'node-1'", e.getMessage());
    }

    @Test
    void clientRefusesAHelloFromANodeCertificateThatNamesNoNode() {
        Credential unnamed = CA.issue("unnamed", List.of(Usage.SERVER_AUTH, Usage.MESHGATE_NODE),
                Instant.now().minus(HOUR), Instant.now().plus(HOUR), List.of("localhost"), List.of());
        SecureChannel client = f.client(CLIENT);
        handshake(client, f.server(unnamed, null, LIMITS));

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.verifyNode("hello", "unnamed"));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("the server certificate names 0 nodes; exactly one urn:meshgate:node: URI is required",
                e.getMessage());
    }

    @Test
    void clientHasNoNodeToCheckBeforeTheServerHello() {
        SecureChannel client = f.client(CLIENT);
        client.start();

        assertThrows(IllegalStateException.class, () -> client.verifyNode("hello", "node-1"));
    }

    @ParameterizedTest(name = "{0} certificates")
    @ValueSource(ints = {0, 5})
    void clientRefusesAServerHelloWithoutOneToFourCertificatesWith4002(int certificates) {
        SecureChannel client = f.client(CLIENT);
        byte[] original = bytes(one(f.server(null).open(one(client.start())).replies()));
        List<byte[]> fields = HandshakeMessage.decode(original, HandshakeMessage.SERVER_HELLO, 5).fields();
        List<byte[]> changed = new ArrayList<>(fields.subList(0, 3));
        changed.addAll(Collections.nCopies(certificates, fields.get(3)));
        changed.add(fields.get(fields.size() - 1));
        byte[] hello = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, changed).encode();

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(ByteBuffer.wrap(hello)));

        assertEquals(MeshgateException.Kind.BAD_CERTIFICATE, e.kind());
        assertEquals("certificate chain must hold 1 to 4 certificates", e.getMessage());
    }

    @Test
    void clientRefusesAHandshakeMessageBeforeItStarted() {
        SecureChannel client = f.client(CLIENT);
        ByteBuffer serverHello = one(f.server(null).open(one(f.client(CLIENT).start())).replies());

        MeshgateException e = assertThrows(MeshgateException.class, () -> client.open(serverHello));

        assertEquals(MeshgateException.Kind.UNEXPECTED_FRAME, e.kind());
        assertEquals("handshake message before the handshake started", e.getMessage());
    }

    @Test
    void clientStartsOnlyOnce() {
        SecureChannel client = f.client(CLIENT);
        client.start();

        IllegalStateException e = assertThrows(IllegalStateException.class, client::start);

        assertEquals("handshake already started", e.getMessage());
    }

    @Test
    void clientRefusesAnOwnChainOfMoreThanFourCertificates() {
        List<X509Certificate> five = Collections.nCopies(5, CLIENT.certificate());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecureChannel.client(five, CLIENT.key(), chain -> { }, LIMITS, HOUR, f.clock));

        assertEquals("own chain must hold 1 to 4 certificates", e.getMessage());
    }

    private SecureChannel localClient(LocalPki pki, CertificateVerifier trusting) throws Exception {
        Credential alice = PemFiles.readCredential(pki.clientCert(), pki.clientKey(), trusting.trustedRoot());
        return SecureChannel.client(alice.chain(), alice.key(), chain -> trusting.verify(chain, Usage.SERVER_AUTH),
                LIMITS, HOUR, f.clock);
    }

    private SecureChannel localServer(Credential credential, CertificateVerifier trusting) {
        return SecureChannel.server(credential.chain(), credential.key(),
                chain -> trusting.verify(chain, Usage.CLIENT_AUTH), null, SESSION_ID, LIMITS, HOUR, f.clock);
    }
}

package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Usage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * meshgate's Java classes against the cross-language vectors (src/test/resources/vectors): the
 * file is what they generate, they reproduce the handshake byte for byte, open every frame, and
 * refuse every rejected case with its close code and message. The JavaScript client is held to
 * the same file by src/test/js/vectors.test.mjs.
 */
class ProtocolVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vectors;

    @BeforeAll
    static void read() throws IOException {
        vectors = Json.mapper().readTree(Files.readString(ProtocolVectors.FILE, StandardCharsets.UTF_8));
    }

    @Test
    void theVectorsFileIsWhatMeshgatesClassesGenerate() throws IOException {
        assertEquals(ProtocolVectors.render(ProtocolVectors.generate()),
                Files.readString(ProtocolVectors.FILE, StandardCharsets.UTF_8));
    }

    @Test
    void theJavaClientAndNodeReproduceTheWholeHandshake() {
        VectorChannels channels = new VectorChannels(new VectorPki());
        SecureChannel client = channels.client();
        SecureChannel node = channels.node();
        JsonNode h = vectors.get("handshake");

        byte[] ch = VectorChannels.only(client.start());
        byte[] sh = VectorChannels.only(node.open(ByteBuffer.wrap(ch)).replies());
        byte[] cf = VectorChannels.only(client.open(ByteBuffer.wrap(sh)).replies());
        byte[] sf = VectorChannels.only(node.open(ByteBuffer.wrap(cf)).replies());

        assertEquals(List.of(h.get("clientHello").asText(), h.get("serverHello").asText(),
                h.get("clientFinish").asText(), h.get("serverFinish").asText()),
                List.of(HEX.formatHex(ch), HEX.formatHex(sh), HEX.formatHex(cf), HEX.formatHex(sf)));
        assertTrue(client.open(ByteBuffer.wrap(sf)).established());
    }

    @Test
    void everyFrameOpensToItsPayloadOnTheOtherSide() {
        VectorChannels channels = new VectorChannels(new VectorPki());
        SecureChannel client = channels.client();
        SecureChannel node = channels.node();
        client.start();
        JsonNode h = vectors.get("handshake");
        client.open(ByteBuffer.wrap(hex(h, "serverHello")));
        node.open(ByteBuffer.wrap(hex(h, "clientHello")));
        node.open(ByteBuffer.wrap(hex(h, "clientFinish")));
        client.open(ByteBuffer.wrap(hex(h, "serverFinish")));
        List<String> expected = new ArrayList<>();
        List<String> opened = new ArrayList<>();

        for (JsonNode f : vectors.get("frames").get("c2s")) {
            expected.add(f.get("payload").asText());
            opened.add(payloadHex(node.open(ByteBuffer.wrap(hex(f, "frame")))));
        }
        for (JsonNode f : vectors.get("frames").get("s2c")) {
            expected.add(f.get("payload").asText());
            opened.add(payloadHex(client.open(ByteBuffer.wrap(hex(f, "frame")))));
        }

        assertEquals(expected, opened);
    }

    @Test
    void everyRejectedFrameIsRefusedWithItsCloseCodeAndMessage() {
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (JsonNode c : vectors.get("rejectedFrames")) {
            SecureChannel client = establishedClient();
            for (int i = 0; i < c.get("after").asInt(); i++) {
                client.open(ByteBuffer.wrap(hex(vectors.get("frames").get("s2c").get(i), "frame")));
            }
            byte[] frame = c.has("frameZeros") ? new byte[c.get("frameZeros").asInt()] : hex(c, "frame");
            expected.add(c.get("name").asText() + " " + c.get("closeCode").asInt() + " " + c.get("error").asText());
            got.add(c.get("name").asText() + " " + refusal(() -> client.open(ByteBuffer.wrap(frame))));
        }

        assertEquals(expected, got);
    }

    @Test
    void everyRejectedHandshakeMessageIsRefusedByTheJavaClientWithItsCloseCodeAndMessage() {
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (JsonNode c : vectors.get("rejectedHandshakes")) {
            if ("hello".equals(c.get("stage").asText())) {
                continue;
            }
            SecureChannel client = new VectorChannels(new VectorPki()).client();
            client.start();
            if ("serverFinish".equals(c.get("stage").asText())) {
                client.open(ByteBuffer.wrap(hex(vectors.get("handshake"), "serverHello")));
            }
            expected.add(c.get("name").asText() + " " + c.get("closeCode").asInt() + " " + c.get("error").asText());
            got.add(c.get("name").asText() + " " + refusal(() -> client.open(ByteBuffer.wrap(hex(c, "message")))));
        }

        assertEquals(expected, got);
    }

    @Test
    void everyChainIsAcceptedOrRefusedByTheCertificateVerifierAsTheVectorsSay() throws GeneralSecurityException {
        CertificateVerifier verifier = new CertificateVerifier(certificate("ca"));
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (JsonNode c : vectors.get("chains")) {
            List<X509Certificate> chain = new ArrayList<>();
            c.get("chain").forEach(n -> chain.add(certificate(n.asText())));
            Usage usage = "serverAuth".equals(c.get("usage").asText()) ? Usage.SERVER_AUTH : Usage.CLIENT_AUTH;
            expected.add(c.get("name").asText() + " " + c.get("error").asText());
            String outcome;
            try {
                verifier.verify(chain, usage, java.time.Instant.parse(vectors.get("now").asText()));
                outcome = "null";
            } catch (CryptoException e) {
                outcome = e.getMessage();
            }
            got.add(c.get("name").asText() + " " + outcome);
        }

        assertEquals(expected, got);
    }

    /**
     * The node identity cases are refused by the client for the identity alone: each chain the
     * vectors accept names the node it says, and each refused one lacks the key purpose or the one
     * node name, as the Java client's {@link ServerIdentity} finds.
     */
    @Test
    void theNodeIdentityCasesSayWhatTheirCertificatesCarry() throws GeneralSecurityException {
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (JsonNode c : vectors.get("chains")) {
            if (!"serverAuth".equals(c.get("usage").asText()) || !c.get("error").isNull()) {
                continue;
            }
            X509Certificate leaf = certificate(c.get("chain").get(0).asText());
            expected.add(c.get("name").asText() + " " + (c.has("nodeId") ? "node " + c.get("nodeId").asText()
                    : c.get("identityError").asText()));
            got.add(c.get("name").asText() + " " + identity(leaf));
        }

        assertEquals(expected, got);
    }

    @Test
    void theServerHelloSignedByTheAccessPointIsRefusedForItsIdentityOnly() throws GeneralSecurityException {
        JsonNode c = rejectedHandshake("nginxSigned");
        HandshakeMessage sh = HandshakeMessage.decode(hex(c, "message"), HandshakeMessage.SERVER_HELLO, 5);
        int n = sh.fields().size();
        byte[] core = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, sh.fields().subList(0, n - 1)).encode();
        X509Certificate leaf = parse(sh.fields().get(3));
        new CertificateVerifier(certificate("ca")).verify(List.of(leaf, parse(sh.fields().get(4))), Usage.SERVER_AUTH,
                java.time.Instant.parse(vectors.get("now").asText()));

        assertTrue(Ecdsa.verifyP1363((ECPublicKey) leaf.getPublicKey(), RejectedVectors.concat(
                ProtocolVectors.ascii("meshgate/1 server signature"),
                RejectedVectors.sha256(hex(vectors.get("handshake"), "clientHello"), core)), sh.fields().get(n - 1)));
        assertEquals(RejectedVectors.NOT_A_NODE, identity(leaf));
    }

    @Test
    void theHelloNamingAnotherNodeOpensAsAHelloFromNodeTwo() {
        SecureChannel client = establishedClient();

        WireMessage m = new MessageCodec().decode(client.open(ByteBuffer.wrap(
                hex(rejectedHandshake("helloNamesAnotherNode"), "message"))).payload());

        assertEquals("node-2", ((WireMessage.Hello) m).node());
    }

    @Test
    void theHelloNamingAnotherNodeIsRefusedByTheJavaClientsIdentityCheck() throws GeneralSecurityException {
        JsonNode c = rejectedHandshake("helloNamesAnotherNode");
        ServerIdentity node1 = ServerIdentity.of(certificate("node"));

        MeshgateException e = org.junit.jupiter.api.Assertions.assertThrows(MeshgateException.class,
                () -> node1.verify("hello", "node-2"));

        assertEquals(c.get("closeCode").asInt() + " " + c.get("error").asText(), e.kind().closeCode() + " " + e.getMessage());
    }

    private static SecureChannel establishedClient() {
        SecureChannel client = new VectorChannels(new VectorPki()).client();
        client.start();
        client.open(ByteBuffer.wrap(hex(vectors.get("handshake"), "serverHello")));
        client.open(ByteBuffer.wrap(hex(vectors.get("handshake"), "serverFinish")));
        return client;
    }

    /** "node &lt;id&gt;" for a certificate that names a node, else why the Java client refuses it. */
    private static String identity(X509Certificate leaf) {
        try {
            ServerIdentity identity = ServerIdentity.of(leaf);
            String[] named = new String[1];
            for (String candidate : List.of("node-1", "node-2")) {
                try {
                    identity.verify("hello", candidate);
                    named[0] = candidate;
                } catch (MeshgateException notThisOne) {
                    if (!notThisOne.getMessage().contains("is for node")) {
                        throw notThisOne;
                    }
                }
            }
            return "node " + named[0];
        } catch (MeshgateException e) {
            return e.getMessage();
        }
    }

    private static String refusal(Runnable open) {
        try {
            open.run();
            return "accepted";
        } catch (MeshgateException e) {
            return e.kind().closeCode() + " " + e.getMessage();
        }
    }

    private static JsonNode rejectedHandshake(String name) {
        for (JsonNode c : vectors.get("rejectedHandshakes")) {
            if (name.equals(c.get("name").asText())) {
                return c;
            }
        }
        throw new IllegalArgumentException("no rejected handshake " + name);
    }

    private static X509Certificate certificate(String name) {
        try {
            return parse(hex(vectors.get("certificates").get(name), "der"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static String payloadHex(FrameLayer.Inbound in) {
        return in.payload() == null ? "" : HEX.formatHex(in.payload());
    }

    private static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }
}

package io.meshgate.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.crypto.Ecdh;
import io.meshgate.crypto.Hkdf;
import io.meshgate.crypto.P256;
import io.meshgate.crypto.ResumeTokens;
import io.meshgate.crypto.SecretKeyBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the cross-language protocol vectors ({@value #FILE_NAME}) from meshgate's own classes:
 * the fixed PKI of {@link VectorPki}, a whole handshake between the {@link SecureChannel}s of
 * {@link VectorChannels}, the key schedule of generations 0 and 1, sealed frames both ways with and
 * without compression, a rekey in each direction, and (from {@link RejectedVectors}) what a client
 * must refuse. Every client (Java, JavaScript, any other) is tested against this one file.
 *
 * <p>Regenerate after a deliberate protocol change, from the project folder:
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.meshgate.wire.ProtocolVectors}
 * (or run {@link #main} from an IDE);
 * {@code ProtocolVectorsTest} fails while the file and the code disagree.
 */
public final class ProtocolVectors {

    static final String FILE_NAME = "src/test/resources/vectors/protocol-vectors.json";
    static final Path FILE = Path.of(FILE_NAME);
    static final byte[] RESUME_KEY = VectorChannels.digest("resume key");
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = Json.mapper();

    final VectorPki pki = new VectorPki();
    final VectorChannels channels = new VectorChannels(pki);
    final MessageCodec codec = new MessageCodec();
    final List<byte[]> s2c = new ArrayList<>();
    final List<byte[]> c2s = new ArrayList<>();
    final ArrayNode s2cJson = JSON.createArrayNode();
    final ArrayNode c2sJson = JSON.createArrayNode();
    byte[] clientHello;
    byte[] serverHello;
    byte[] clientFinish;
    byte[] serverFinish;
    byte[] secret;
    byte[] salt;
    String sessionId;
    private SecureChannel client;
    private SecureChannel node;

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, render(generate()), StandardCharsets.UTF_8);
    }

    /** The vectors document. */
    static ObjectNode generate() {
        return new ProtocolVectors().document();
    }

    /** The document as the file holds it: indented JSON ending with a newline. */
    static String render(JsonNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode document() {
        ObjectNode d = JSON.createObjectNode();
        d.put("about", "meshgate protocol vectors, version 1: every client must reproduce or accept the handshake "
                + "and frames and refuse the rejected cases with the close code and message given. Made by "
                + "src/test/java/io/meshgate/wire/ProtocolVectors.java; checked by ProtocolVectorsTest (Java) and "
                + "src/test/js/vectors.test.mjs (JavaScript). Hex is lowercase; text fields repeat a payload "
                + "as UTF-8 for reading.");
        d.put("version", 1);
        d.put("now", VectorPki.NOW.toString());
        ObjectNode limits = d.putObject("limits");
        limits.put("maxFrameBytes", VectorChannels.LIMITS.maxFrameBytes());
        limits.put("maxPayloadBytes", VectorChannels.LIMITS.maxPayloadBytes());
        limits.put("compressionThreshold", VectorChannels.LIMITS.compressionThreshold());
        limits.put("brotliQuality", VectorChannels.LIMITS.brotliQuality());
        limits.put("rekeyAfterMs", VectorChannels.REKEY_AFTER.toMillis());
        ObjectNode identity = d.putObject("nodeIdentity");
        identity.put("extendedKeyUsage", VectorPki.NODE_PURPOSE);
        identity.put("uriPrefix", VectorPki.NODE_URI_PREFIX);
        identity.put("rule", "a node's leaf certificate carries this extended key usage besides serverAuth and "
                + "exactly one subject alternative name URI with this prefix; hello.node must equal the rest of it");
        certificates(d.putObject("certificates"));
        handshake(d.putObject("handshake"));
        keySchedule(d.putObject("keySchedule"));
        frames(d.putObject("frames"));
        RejectedVectors rejected = new RejectedVectors(this);
        d.set("rejectedFrames", rejected.frames());
        d.set("rejectedHandshakes", rejected.handshakes());
        d.set("chains", rejected.chains());
        return d;
    }

    private void certificates(ObjectNode out) {
        for (VectorPki.Entry e : pki.all()) {
            ObjectNode c = out.putObject(e.name());
            c.put("role", e.role());
            c.put("subject", e.certificate().getSubjectX500Principal().getName());
            c.put("der", HEX.formatHex(e.der()));
            c.put("pem", VectorPki.pem("CERTIFICATE", e.der()));
            c.put("privateKeyPkcs8", VectorPki.pem("PRIVATE KEY", e.key().getEncoded()));
        }
    }

    private void handshake(ObjectNode h) {
        SecureChannel client = channels.client();
        SecureChannel node = channels.node();
        clientHello = VectorChannels.only(client.start());
        serverHello = VectorChannels.only(node.open(ByteBuffer.wrap(clientHello)).replies());
        clientFinish = VectorChannels.only(client.open(ByteBuffer.wrap(serverHello)).replies());
        serverFinish = VectorChannels.only(node.open(ByteBuffer.wrap(clientFinish)).replies());
        if (!client.open(ByteBuffer.wrap(serverFinish)).established()) {
            throw new IllegalStateException("the vectors' handshake did not complete");
        }
        secret = Ecdh.sharedSecret(VectorChannels.CLIENT_EPHEMERAL.getPrivate(),
                (ECPublicKey) VectorChannels.NODE_EPHEMERAL.getPublic());
        salt = RejectedVectors.sha256(clientHello, serverHello);
        sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(VectorChannels.SESSION_ID);
        HandshakeMessage sh = HandshakeMessage.decode(serverHello, HandshakeMessage.SERVER_HELLO, 5);
        List<byte[]> shFields = sh.fields();
        byte[] core = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, shFields.subList(0, shFields.size() - 1))
                .encode();
        HandshakeMessage cf = HandshakeMessage.decode(clientFinish, HandshakeMessage.CLIENT_FINISH, 2);
        h.put("clientRandom", HEX.formatHex(VectorChannels.CLIENT_RANDOM));
        h.put("clientEphemeralPrivate", HEX.formatHex(scalar(VectorChannels.CLIENT_EPHEMERAL)));
        h.put("clientEphemeralPublic", HEX.formatHex(point(VectorChannels.CLIENT_EPHEMERAL)));
        h.putArray("clientChain").add("client").add("ca");
        h.put("clientHello", HEX.formatHex(clientHello));
        h.put("sessionId", HEX.formatHex(VectorChannels.SESSION_ID));
        h.put("sessionIdText", sessionId);
        h.put("serverRandom", HEX.formatHex(VectorChannels.SERVER_RANDOM));
        h.put("nodeEphemeralPrivate", HEX.formatHex(scalar(VectorChannels.NODE_EPHEMERAL)));
        h.put("nodeEphemeralPublic", HEX.formatHex(point(VectorChannels.NODE_EPHEMERAL)));
        h.putArray("nodeChain").add("node").add("ca");
        h.put("serverHelloUnsigned", HEX.formatHex(core));
        h.put("serverSignedData", HEX.formatHex(RejectedVectors.concat(ascii("meshgate/1 server signature"),
                RejectedVectors.sha256(clientHello, core))));
        h.put("serverSignature", HEX.formatHex(shFields.get(shFields.size() - 1)));
        h.put("serverHello", HEX.formatHex(serverHello));
        h.put("transcriptHash", HEX.formatHex(salt));
        h.put("clientSignedData", HEX.formatHex(RejectedVectors.concat(ascii("meshgate/1 client signature"), salt)));
        h.put("clientSignature", HEX.formatHex(cf.fields().get(0)));
        h.put("clientConfirmationInput", HEX.formatHex(RejectedVectors.sha256(clientHello, serverHello,
                cf.fields().get(0))));
        h.put("clientFinish", HEX.formatHex(clientFinish));
        h.put("serverConfirmationInput", HEX.formatHex(RejectedVectors.sha256(clientHello, serverHello,
                clientFinish)));
        h.put("serverFinish", HEX.formatHex(serverFinish));
        h.put("note", "signatures are RFC 6979 (deterministic) here, so they can be compared; a client that signs "
                + "with random nonces verifies them instead and checks everything else byte for byte");
        this.client = client;
        this.node = node;
    }

    private void keySchedule(ObjectNode k) {
        k.put("ecdhSecret", HEX.formatHex(secret));
        k.put("salt", HEX.formatHex(salt));
        k.put("c2sConfirm", HEX.formatHex(hkdf("meshgate/1 c2s confirm")));
        k.put("s2cConfirm", HEX.formatHex(hkdf("meshgate/1 s2c confirm")));
        ArrayNode generations = k.putArray("generations");
        for (int g = 0; g <= 1; g++) {
            ObjectNode gen = generations.addObject();
            gen.put("generation", g);
            for (String label : new String[] {"c2s enc", "c2s mac", "s2c enc", "s2c mac"}) {
                gen.put(label.replace(" enc", "Enc").replace(" mac", "Mac"),
                        HEX.formatHex(hkdf("meshgate/1 " + label + (g == 0 ? "" : " " + g))));
            }
        }
    }

    private void frames(ObjectNode f) {
        f.put("note", "each direction's frames in the order sent; after s2c frame 3 and c2s frame 2 the clock moves "
                + "on by rekeyAfterMs, so each side's next seal sends a REKEY frame first and then seals with key "
                + "generation 1, its sequence starting again at 0");
        String token = new ResumeTokens(SecretKeyBytes.copyOf(RESUME_KEY)).issue(sessionId, "node-1",
                node.peerFingerprint());
        seal(c2s, c2sJson, "c2s", "req, small", client, codec.encode(new WireMessage.Request("1", "echo", "echo",
                tree("{\"i\":1}"), 5000, "V1StGXR8_Z5jdHi6B-myTw")), true);
        seal(c2s, c2sJson, "c2s", "req of 256 bytes or more sent uncompressed (what a browser client sends)",
                client, codec.encode(new WireMessage.Request("2", "orders", "list", tree(orders(6)), 5000,
                        "p8Zr1VxWq4mK0nT2aB7cDe")), false);
        seal(c2s, c2sJson, "c2s", "req of 256 bytes or more, Brotli-compressed (what the Java client sends)",
                client, codec.encode(new WireMessage.Request("3", "orders", "list", tree(orders(6)), 5000,
                        "Q9yT3uVwX5zA1bC2dE4fGh")), true);
        seal(s2c, s2cJson, "s2c", "hello, the first sealed frame after SERVER_FINISH", node,
                codec.encode(new WireMessage.Hello(sessionId, "node-1", token)), true);
        seal(s2c, s2cJson, "s2c", "res", node, codec.encode(new WireMessage.Response("1", tree("{\"i\":1}"), "node-1",
                "node-3")), true);
        seal(s2c, s2cJson, "s2c", "push of 256 bytes or more, Brotli-compressed", node,
                codec.encode(new WireMessage.Push("orders", tree(orders(8)))), true);
        seal(s2c, s2cJson, "s2c", "error", node, codec.encode(new WireMessage.ErrorMessage("2", "NO_SUCH_SERVICE",
                "no live node hosts service 'orders'", "node-1", null)), true);
        channels.clock.advance(VectorChannels.REKEY_AFTER);
        seal(s2c, s2cJson, "s2c", "res, sealed after the key got old: REKEY first, then generation 1", node,
                codec.encode(new WireMessage.Response("3", tree(orders(1)), "node-1", "node-2")), true);
        seal(s2c, s2cJson, "s2c", "res of generation 1, Brotli-compressed", node,
                codec.encode(new WireMessage.Response("4", tree(orders(8)), "node-1", "node-2")), true);
        seal(c2s, c2sJson, "c2s", "req, sealed after the key got old: REKEY first, then generation 1", client,
                codec.encode(new WireMessage.Request("5", "time", "now", null, 5000, "Zx8Wv7Ut6Sr5Qp4On3Ml2K")), false);
        f.set("c2s", c2sJson);
        f.set("s2c", s2cJson);
    }

    private void seal(List<byte[]> frames, ArrayNode out, String direction, String name, SecureChannel sender,
                      byte[] payload, boolean compress) {
        for (ByteBuffer b : sender.seal(payload, compress)) {
            byte[] frame = VectorChannels.bytes(b);
            int generation = generationAt(out);
            boolean rekey = frame[1] == HandshakeMessage.REKEY;
            ObjectNode o = out.addObject();
            o.put("name", rekey ? "REKEY" : name);
            o.put("generation", generation);
            o.put("sequence", ByteBuffer.wrap(frame, 3, 8).getLong());
            o.put("kind", rekey ? "REKEY" : "DATA");
            o.put("compressed", (frame[2] & 1) != 0);
            byte[] body = rekey ? new byte[0] : payload;
            o.put("payload", HEX.formatHex(body));
            o.put("text", new String(body, StandardCharsets.UTF_8));
            o.put("nonce", HEX.formatHex(ByteBuffer.allocate(12).putInt("c2s".equals(direction) ? 1 : 2)
                    .put(frame, 3, 8).array()));
            o.put("frame", HEX.formatHex(frame));
            frames.add(frame);
        }
    }

    private static int generationAt(ArrayNode frames) {
        int g = 0;
        for (JsonNode f : frames) {
            if ("REKEY".equals(f.get("kind").asText())) {
                g++;
            }
        }
        return g;
    }

    byte[] hkdf(String info) {
        return Hkdf.sha256(secret, salt, ascii(info), 32);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A compressible business object of some size. */
    static String orders(int n) {
        StringBuilder b = new StringBuilder("{\"orders\":[");
        for (int i = 1; i <= n; i++) {
            b.append(i == 1 ? "" : ",").append("{\"order\":\"A-").append(i)
                    .append("\",\"state\":\"shipped\",\"carrier\":\"meshgate parcel service\"}");
        }
        return b.append("]}").toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] scalar(java.security.KeyPair pair) {
        byte[] out = new byte[32];
        byte[] d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS().toByteArray();
        int n = Math.min(32, d.length);
        System.arraycopy(d, d.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] point(java.security.KeyPair pair) {
        return P256.encodeUncompressed((ECPublicKey) pair.getPublic());
    }

}

package io.meshgate.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.HmacSha256;
import io.meshgate.crypto.P256;
import io.meshgate.crypto.SealedFrame;
import io.meshgate.crypto.SecretKeyBytes;
import io.meshgate.crypto.SessionKeys;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Usage;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cases of the protocol vectors that a client must refuse: sealed frames, handshake messages
 * and certificate chains, each with the reason, the close code and the exact message. The close
 * code and message of every case are what meshgate's Java classes say (the generator runs them),
 * except the cases of the node identity rule ({@code "rule": "nodeIdentity"}), which state what a
 * client must say.
 */
final class RejectedVectors {

    /** A SERVER_HELLO whose leaf lacks id-kp-meshgateNode. */
    static final String NOT_A_NODE = "the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)";
    /** A node certificate without exactly one urn:meshgate:node: name. */
    static final String NODE_NAME = "the server certificate names 0 nodes; exactly one urn:meshgate:node: URI is required";
    static final String NODE_IDENTITY = "nodeIdentity";
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ProtocolVectors v;

    RejectedVectors(ProtocolVectors v) {
        this.v = v;
    }

    ArrayNode frames() {
        ArrayNode out = JSON.arrayNode();
        byte[] f1 = v.s2c.get(1);
        frame(out, "ciphertextAltered", "a ciphertext byte of s2c frame 1 flipped", 1, flip(f1, 11));
        frame(out, "hmacAltered", "the last HMAC byte of s2c frame 1 flipped", 1, flip(f1, f1.length - 1));
        frame(out, "gap", "s2c frame 2 where frame 1 is expected", 1, v.s2c.get(2));
        frame(out, "replay", "s2c frame 0 again where frame 1 is expected", 1, v.s2c.get(0));
        frame(out, "reflected", "the client's own c2s frame 0 sent back to it", 0, v.c2s.get(0));
        frame(out, "gcmTagAltered", "a GCM tag byte of s2c frame 1 flipped and the HMAC made again with the right "
                + "key: the HMAC verifies, the tag does not", 1, remac(flip(f1, f1.length - 33)));
        frame(out, "unknownFlags", "s2c frame 1 with flags 0x02 and its HMAC made again", 1, remac(with(f1, 2, 0x02)));
        frame(out, "unknownVersion", "s2c frame 1 with version 0x02", 1, with(f1, 0, 0x02));
        frame(out, "unknownKind", "a well-sealed frame of kind 0x03", 1,
                sealedAtOne((byte) 3, ProtocolVectors.ascii("{}"), false));
        frame(out, "tooShort", "the first 58 bytes of s2c frame 1 (a sealed frame has at least 59)", 1,
                Arrays.copyOf(f1, 58));
        frame(out, "oneByte", "a message of one byte", 1, new byte[] {1});
        ObjectNode large = frame(out, "tooLarge", "65,537 zero bytes (the limit is 65,536); frameZeros gives the "
                + "length instead of the bytes", 1, new byte[VectorChannels.LIMITS.maxFrameBytes() + 1]);
        large.remove("frame");
        large.put("frameZeros", VectorChannels.LIMITS.maxFrameBytes() + 1);
        byte[] bomb = new byte[VectorChannels.LIMITS.maxPayloadBytes() + 1];
        Arrays.fill(bomb, (byte) ' ');
        frame(out, "decompressionBomb", "a well-sealed compressed frame whose payload decompresses to 1 MiB + 1 "
                + "bytes", 1, sealedAtOne(HandshakeMessage.DATA, bomb, true));
        frame(out, "notBrotli", "a well-sealed frame flagged compressed whose payload is not a Brotli stream", 1,
                forged((byte) 1, concat(new byte[] {(byte) 0xff, (byte) 0xff}, ProtocolVectors.ascii(" not Brotli"))));
        frame(out, "secondHandshake", "CLIENT_HELLO after the handshake", 1, v.clientHello);
        frame(out, "generationOneBeforeRekey", "s2c frame 5 (generation 1, sequence 0) before the REKEY frame 4",
                4, v.s2c.get(5));
        return out;
    }

    ArrayNode handshakes() {
        ArrayNode out = JSON.arrayNode();
        VectorPki pki = v.pki;
        ObjectNode nginx = handshake(out, "nginxSigned", "a SERVER_HELLO signed by the access point's key with its "
                + "chain (serverAuth, no node identity)", "serverHello",
                serverHello(pki.get("nginx").key(), "nginx", "ca"), null);
        identity(nginx, NOT_A_NODE);
        handshake(out, "signatureAltered", "the last byte of the SERVER_HELLO signature flipped", "serverHello",
                flip(v.serverHello, v.serverHello.length - 1), "");
        handshake(out, "otherRoot", "a node chain from another root", "serverHello",
                serverHello(pki.get("strangerNode").key(), "strangerNode", "otherCa"), "");
        handshake(out, "expiredNode", "a node certificate that has expired", "serverHello",
                serverHello(pki.get("expiredNode").key(), "expiredNode", "ca"), "");
        ECPublicKey nodeKey = (ECPublicKey) VectorChannels.NODE_EPHEMERAL.getPublic();
        byte[] offCurve = flip(P256.encodeUncompressed(nodeKey), 64);
        handshake(out, "pointNotOnCurve", "a well-signed SERVER_HELLO whose ephemeral point is not on P-256",
                "serverHello", signedServerHello(pki.get("node").key(), offCurve, "node", "ca"), "");
        handshake(out, "fiveCertificates", "a well-signed SERVER_HELLO with a chain of five certificates",
                "serverHello", signedServerHello(pki.get("node").key(), P256.encodeUncompressed(nodeKey), "node", "ca",
                        "ca", "ca", "ca"), "");
        handshake(out, "wrongKind", "SERVER_FINISH where SERVER_HELLO is expected", "serverHello", v.serverFinish, "");
        handshake(out, "truncated", "SERVER_HELLO without its last 10 bytes", "serverHello",
                Arrays.copyOf(v.serverHello, v.serverHello.length - 10), "");
        handshake(out, "dataFrame", "a sealed frame where SERVER_HELLO is expected", "serverHello", v.s2c.get(0), "");
        handshake(out, "serverFinishAltered", "the last byte of the SERVER_FINISH confirmation flipped",
                "serverFinish", flip(v.serverFinish, v.serverFinish.length - 1), "");
        SealedFrame.Sealer sealer = s2cSealer();
        ObjectNode hello = handshake(out, "helloNamesAnotherNode", "the first sealed frame is a hello naming node-2 "
                + "while the node's certificate names node-1", "hello", sealer.seal(HandshakeMessage.DATA,
                v.codec.encode(new WireMessage.Hello(v.sessionId, "node-2")), false), null);
        identity(hello, "hello names node 'node-2' but the server certificate is for node 'node-1'");
        return out;
    }

    ArrayNode chains() {
        ArrayNode out = JSON.arrayNode();
        chain(out, "node", "node-1's chain as a node sends it (leaf, root)", "serverAuth", "node-1", "node", "ca");
        chain(out, "nodeLeafOnly", "node-1's leaf alone", "serverAuth", "node-1", "node");
        chain(out, "viaIntermediate", "node-2 below an intermediate, with the root", "serverAuth", "node-2", "node2",
                "intermediate", "ca");
        chain(out, "viaIntermediateWithoutRoot", "node-2 below an intermediate, without the root", "serverAuth",
                "node-2", "node2", "intermediate");
        ObjectNode nginx = chain(out, "nginx", "the access point's chain", "serverAuth", null, "nginx", "ca");
        identity(nginx, NOT_A_NODE);
        ObjectNode unnamed = chain(out, "unnamedNode", "the node key purpose without a node name", "serverAuth", null,
                "unnamedNode", "ca");
        identity(unnamed, NODE_NAME);
        chain(out, "expired", "an expired node certificate", "serverAuth", null, "expiredNode", "ca");
        chain(out, "otherRoot", "a node chain from another root", "serverAuth", null, "strangerNode", "otherCa");
        chain(out, "clientAsServer", "the client's chain where a node's is expected", "serverAuth", null, "client",
                "ca");
        chain(out, "client", "the client's chain, checked for client authentication", "clientAuth", null, "client",
                "ca");
        chain(out, "issuedByEndEntity", "a node certificate signed by the client's key", "serverAuth", null,
                "issuedByClient", "client", "ca");
        chain(out, "tamperedSignature", "node-1's leaf with a bit of its signature flipped", "serverAuth", null,
                "tamperedNode", "ca");
        chain(out, "brokenChain", "node-1's leaf followed by an intermediate that did not issue it", "serverAuth",
                null, "node", "intermediate", "ca");
        return out;
    }

    private ObjectNode frame(ArrayNode out, String name, String reason, int after, byte[] frame) {
        SecureChannel client = establishedClient();
        for (int i = 0; i < after; i++) {
            client.open(ByteBuffer.wrap(v.s2c.get(i)));
        }
        MeshgateException e = refusal(name, () -> client.open(ByteBuffer.wrap(frame)));
        ObjectNode o = out.addObject();
        o.put("name", name);
        o.put("reason", reason);
        o.put("after", after);
        o.put("frame", HEX.formatHex(frame));
        o.put("closeCode", e.kind().closeCode());
        o.put("error", e.getMessage());
        return o;
    }

    /** A case; {@code javaOutcome} null: stated by the node identity rule, else the Java client's refusal. */
    private ObjectNode handshake(ArrayNode out, String name, String reason, String stage, byte[] message,
                                 String javaOutcome) {
        ObjectNode o = out.addObject();
        o.put("name", name);
        o.put("reason", reason);
        o.put("stage", stage);
        o.put("message", HEX.formatHex(message));
        if (javaOutcome != null) {
            SecureChannel client = v.channels.client();
            client.start();
            if ("serverFinish".equals(stage)) {
                client.open(ByteBuffer.wrap(v.serverHello));
            }
            MeshgateException e = refusal(name, () -> client.open(ByteBuffer.wrap(message)));
            o.put("closeCode", e.kind().closeCode());
            o.put("error", e.getMessage());
        }
        return o;
    }

    private ObjectNode chain(ArrayNode out, String name, String reason, String usage, String nodeId,
                             String... names) {
        ObjectNode o = out.addObject();
        o.put("name", name);
        o.put("reason", reason);
        ArrayNode c = o.putArray("chain");
        for (String n : names) {
            c.add(n);
        }
        o.put("usage", usage);
        try {
            new CertificateVerifier(v.pki.get("ca").certificate()).verify(v.pki.chain(names),
                    "serverAuth".equals(usage) ? Usage.SERVER_AUTH : Usage.CLIENT_AUTH, VectorPki.NOW);
            o.putNull("error");
        } catch (CryptoException e) {
            o.put("error", e.getMessage());
        }
        if (nodeId != null) {
            o.put("nodeId", nodeId);
        }
        return o;
    }

    private static void identity(ObjectNode o, String error) {
        o.put("rule", NODE_IDENTITY);
        if (o.has("stage")) {
            o.put("closeCode", MeshgateException.Kind.BAD_CERTIFICATE.closeCode());
            o.put("error", error);
        } else {
            o.put("identityError", error);
        }
    }

    private static MeshgateException refusal(String name, Runnable open) {
        try {
            open.run();
        } catch (MeshgateException e) {
            return e;
        }
        throw new IllegalStateException("meshgate's Java client accepts the rejected case " + name);
    }

    private SecureChannel establishedClient() {
        SecureChannel client = v.channels.client();
        client.start();
        client.open(ByteBuffer.wrap(v.serverHello));
        client.open(ByteBuffer.wrap(v.serverFinish));
        return client;
    }

    private byte[] serverHello(PrivateKey key, String... chain) {
        return VectorChannels.only(v.channels.server(key, chain).open(ByteBuffer.wrap(v.clientHello)).replies());
    }

    private byte[] signedServerHello(PrivateKey key, byte[] point, String... chain) {
        List<byte[]> fields = new ArrayList<>(List.of(VectorChannels.SESSION_ID, VectorChannels.SERVER_RANDOM, point));
        for (String n : chain) {
            fields.add(v.pki.get(n).der());
        }
        byte[] core = new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
        fields.add(Ecdsa.sign(key, concat(ProtocolVectors.ascii("meshgate/1 server signature"),
                sha256(v.clientHello, core))));
        return new HandshakeMessage(HandshakeMessage.SERVER_HELLO, fields).encode();
    }

    private SealedFrame.Sealer s2cSealer() {
        return new SealedFrame.Sealer(FrameDirection.SERVER_TO_CLIENT,
                SessionKeys.derive(v.secret, v.salt, 0).serverToClient(), VectorChannels.LIMITS);
    }

    /** A frame of this kind sealed with generation 0 at sequence 1 (after a throw-away frame 0). */
    private byte[] sealedAtOne(byte kind, byte[] payload, boolean compress) {
        SealedFrame.Sealer sealer = s2cSealer();
        sealer.seal(HandshakeMessage.DATA, ProtocolVectors.ascii("{}"), false);
        return sealer.seal(kind, payload, compress);
    }

    /** A DATA frame at sequence 1 with these flags and this body, encrypted and MACed with the real keys. */
    private byte[] forged(byte flags, byte[] body) {
        byte[] header = ByteBuffer.allocate(11).put((byte) 1).put(HandshakeMessage.DATA).put(flags).putLong(1).array();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(v.hkdf("meshgate/1 s2c enc"), "AES"),
                    new GCMParameterSpec(128, nonce(1)));
            gcm.updateAAD(header);
            return remac(concat(header, gcm.doFinal(body), new byte[32]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The frame with its HMAC made again over its (altered) bytes with the real s2c key. */
    private byte[] remac(byte[] frame) {
        byte[] header = Arrays.copyOfRange(frame, 0, 11);
        byte[] body = Arrays.copyOfRange(frame, 11, frame.length - 32);
        byte[] tag = new HmacSha256(SecretKeyBytes.copyOf(v.hkdf("meshgate/1 s2c mac")))
                .tag(header, nonce(ByteBuffer.wrap(frame, 3, 8).getLong()), body);
        return concat(header, body, tag);
    }

    private static byte[] nonce(long sequence) {
        return ByteBuffer.allocate(12).putInt(FrameDirection.SERVER_TO_CLIENT.code()).putLong(sequence).array();
    }

    private static byte[] flip(byte[] b, int index) {
        byte[] out = b.clone();
        out[index] ^= 0x01;
        return out;
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] out = b.clone();
        out[index] = (byte) value;
        return out;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}

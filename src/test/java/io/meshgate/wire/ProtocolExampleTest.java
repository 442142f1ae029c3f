package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgate.crypto.Ecdh;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.Hkdf;
import io.meshgate.crypto.P256;
import io.meshgate.crypto.SealedFrame;
import io.meshgate.crypto.SessionKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/PROTOCOL.md (§8), recomputed with the project's own classes and
 * compared with the document byte for byte: if either changes, this fails.
 */
class ProtocolExampleTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern LINE = Pattern.compile("^([a-z0-9 ]+?)\\s*:\\s*([0-9a-f]+)$", Pattern.MULTILINE);

    @Test
    void workedExampleInProtocolMdMatchesTheImplementation() throws Exception {
        assertEquals(computed(), documented());
    }

    private static Map<String, String> computed() throws GeneralSecurityException {
        Map<String, String> v = new LinkedHashMap<>();
        BigInteger clientScalar = new BigInteger("11".repeat(32), 16);
        BigInteger nodeScalar = new BigInteger("22".repeat(32), 16);
        byte[] clientPublic = publicPoint(clientScalar);
        byte[] nodePublic = publicPoint(nodeScalar);
        v.put("client ephemeral private", HEX.formatHex(fixed(clientScalar)));
        v.put("client ephemeral public", HEX.formatHex(clientPublic));
        v.put("node ephemeral private", HEX.formatHex(fixed(nodeScalar)));
        v.put("node ephemeral public", HEX.formatHex(nodePublic));
        byte[] secret = Ecdh.sharedSecret(privateKey(clientScalar), P256.decodeUncompressed(nodePublic));
        assertEquals(HEX.formatHex(secret), HEX.formatHex(Ecdh.sharedSecret(privateKey(nodeScalar),
                P256.decodeUncompressed(clientPublic))));
        v.put("ecdh secret", HEX.formatHex(secret));
        byte[] salt = MessageDigest.getInstance("SHA-256").digest(ascii("CH bytes || SH bytes"));
        v.put("salt", HEX.formatHex(salt));
        SessionKeys keys = SessionKeys.derive(secret, salt, 0);
        for (String label : new String[] {"c2s enc", "c2s mac", "s2c enc", "s2c mac", "c2s confirm", "s2c confirm"}) {
            v.put(label, HEX.formatHex(Hkdf.sha256(secret, salt, ascii("meshgate/1 " + label), 32)));
        }
        SealedFrame.Sealer sealer = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, keys.clientToServer(),
                FrameLimits.defaults());
        byte[] payload = ascii("{\"kind\":\"req\",\"id\":\"7\",\"service\":\"echo\",\"type\":\"echo\","
                + "\"params\":{\"i\":1},\"timeoutMs\":5000}");
        v.put("payload", HEX.formatHex(payload));
        byte[] frame = sealer.seal(HandshakeMessage.DATA, payload, false);
        v.put("nonce", "00000001" + "0000000000000000");
        v.put("sealed frame", HEX.formatHex(frame));
        return v;
    }

    private static Map<String, String> documented() throws IOException {
        String doc = Files.readString(Path.of("docs/PROTOCOL.md"), StandardCharsets.UTF_8);
        String example = doc.substring(doc.indexOf("<!-- worked-example -->"), doc.indexOf("<!-- /worked-example -->"));
        Map<String, String> v = new LinkedHashMap<>();
        Matcher m = LINE.matcher(example.replaceAll("\\n\\s{2,}(?=[0-9a-f]+\\n)", ""));
        while (m.find()) {
            v.put(m.group(1).trim(), m.group(2));
        }
        return v;
    }

    private static byte[] publicPoint(BigInteger d) {
        ECPoint q = ECNamedCurveTable.getByName("secp256r1").getG().multiply(d).normalize();
        return q.getEncoded(false);
    }

    private static PrivateKey privateKey(BigInteger d) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256.params()));
    }

    private static byte[] fixed(BigInteger d) {
        byte[] out = new byte[32];
        byte[] b = d.toByteArray();
        System.arraycopy(b, Math.max(0, b.length - 32), out, 32 - Math.min(32, b.length), Math.min(32, b.length));
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.Wycheproof.Vector;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code ecdsa_secp256r1_sha256_test.json} (DER signatures) through
 * {@link Ecdsa#verifyDer}, with each group's public key read from its {@code publicKeyDer} by
 * {@link P256#decodeX509}. No filtering: <b>all 484 of the file's 484 vectors</b> are run. Valid
 * signatures are also converted to the P1363 form (r || s) and checked with
 * {@link Ecdsa#verifyP1363}, and the group's {@code publicKey.uncompressed} point must decode with
 * {@link P256#decodeUncompressed} to the same key.
 *
 * <p>Three vectors found bugs of the JDK 17 SunEC provider, which {@link Ecdsa} no longer uses:
 * tcId 6 "Legacy: ASN encoding of s misses leading 0" [MissingZero] verified although its DER is
 * not canonical ({@link Ecdsa} parses DER strictly itself), and tcId 350 "k*G has a large
 * x-coordinate" and 479 "r = 3, x = n + 3" did not verify although valid (x(R) in [n, p));
 * BouncyCastle's ECDSA, which {@link Ecdsa} runs on, verifies both.
 */
class EcdsaWycheproofTest {

    private static final String FILE = "ecdsa_secp256r1_sha256_test.json";
    private static final int KEPT = 484;
    private static final int TOTAL = 484;

    static Stream<Vector> vectors() {
        return Wycheproof.vectors(FILE).stream();
    }

    @Test
    void keepsEveryVectorOfTheFile() {
        assertEquals(TOTAL, Wycheproof.declaredCount(FILE));
        assertEquals(KEPT, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachSignatureVerifiesOrNotAsWycheproofExpects(Vector v) {
        ECPublicKey key = P256.decodeX509(v.groupHex("publicKeyDer"));
        byte[] raw = Wycheproof.hex(v.group().get("publicKey").get("uncompressed").asText());
        assertEquals(key.getW(), P256.decodeUncompressed(raw).getW(), "publicKeyDer and the uncompressed point");
        byte[] msg = v.hex("msg");
        byte[] sig = v.hex("sig");

        boolean verified = Ecdsa.verifyDer(key, msg, sig);
        switch (v.result()) {
            case VALID -> assertAll(
                    () -> assertTrue(verified, "a valid DER signature must verify"),
                    () -> assertTrue(Ecdsa.verifyP1363(key, msg, p1363(sig)),
                            "the same signature as r || s must verify"));
            case INVALID -> assertFalse(verified, "an invalid signature must not verify");
            case ACCEPTABLE -> {
                // either outcome is allowed; a verify call has no further output to check
            }
        }
    }

    /** r || s, 32 bytes each, of a DER SEQUENCE { INTEGER r, INTEGER s } with a short length. */
    private static byte[] p1363(byte[] der) {
        assertTrue(der.length >= 8 && der[0] == 0x30 && der[1] == der.length - 2, "DER SEQUENCE");
        int rLen = der[3];
        assertEquals(0x02, der[2], "INTEGER r");
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + rLen));
        int sAt = 4 + rLen;
        assertEquals(0x02, der[sAt], "INTEGER s");
        int sLen = der[sAt + 1];
        assertEquals(der.length, sAt + 2 + sLen, "no trailing bytes");
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sAt + 2, sAt + 2 + sLen));
        byte[] out = new byte[Ecdsa.P1363_LENGTH];
        P256.writeFixed(r, out, 0);
        P256.writeFixed(s, out, 32);
        return out;
    }
}

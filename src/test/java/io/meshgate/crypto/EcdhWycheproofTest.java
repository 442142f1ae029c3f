package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.crypto.CryptoException.Reason;
import io.meshgate.crypto.Wycheproof.Result;
import io.meshgate.crypto.Wycheproof.Vector;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ECDH vectors for P-256 through {@link Ecdh#sharedSecret}, the peer's public key read
 * by our own decoders. No filtering:
 *
 * <ul>
 *   <li>{@code ecdh_secp256r1_test.json}: public keys as X.509 SubjectPublicKeyInfo, read with
 *       {@link P256#decodeX509}; <b>all 612 of the file's 612 vectors</b>.
 *   <li>{@code ecdh_secp256r1_webcrypto_test.json}: public keys as JWK; their base64url {@code x}
 *       and {@code y} are joined into {@code 0x04 || x || y} and read with
 *       {@link P256#decodeUncompressed}; <b>all 353 of the file's 353 vectors</b>. The JWK's
 *       {@code crv} is deliberately not looked at (our API takes raw points): the five JWKs of other
 *       curves (tcIds 347, 350-353: secp256k1, P-384, P-521) must be, and are, refused by
 *       {@link P256#decodeUncompressed} itself, by length or as points outside the field or off
 *       P-256.
 * </ul>
 *
 * <p>The private key is the hex scalar (X.509 file, possibly with a leading zero byte) or the JWK
 * {@code d}, made into a JDK key with {@link P256#params()}. "acceptable" vectors may be refused
 * (with INVALID_KEY); if they are accepted, the shared secret must be the expected one. Of the 230
 * acceptable X.509 vectors (all in the X.509 file) we refuse 218: the compressed point, the 7 with
 * explicit (unnamed) curve parameters, and 210 of the 222 "InvalidAsn" ones; the 12 InvalidAsn ones
 * we accept are BER length forms the JDK's key parser tolerates (long-form or zero-padded lengths,
 * indefinite lengths, zeros appended to a SEQUENCE: tcIds 392, 394, 421, 459, 460, 467, 490-493,
 * 576, 577), and they give the right secret.
 */
class EcdhWycheproofTest {

    private static final String X509_FILE = "ecdh_secp256r1_test.json";
    private static final String WEBCRYPTO_FILE = "ecdh_secp256r1_webcrypto_test.json";
    private static final int X509_TOTAL = 612;
    private static final int WEBCRYPTO_TOTAL = 353;

    static Stream<Vector> x509Vectors() {
        return Wycheproof.vectors(X509_FILE).stream();
    }

    static Stream<Vector> webcryptoVectors() {
        return Wycheproof.vectors(WEBCRYPTO_FILE).stream();
    }

    @Test
    void keepsEveryVectorOfBothFiles() {
        assertEquals(X509_TOTAL, Wycheproof.declaredCount(X509_FILE));
        assertEquals(X509_TOTAL, x509Vectors().count());
        assertEquals(WEBCRYPTO_TOTAL, Wycheproof.declaredCount(WEBCRYPTO_FILE));
        assertEquals(WEBCRYPTO_TOTAL, webcryptoVectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("x509Vectors")
    void eachX509VectorAgreesOrIsRejectedAsWycheproofExpects(Vector v) {
        PrivateKey own = privateKey(v.hex("private"));
        byte[] publicDer = v.hex("public");
        byte[] secret;
        CryptoException refused = null;
        try {
            secret = Ecdh.sharedSecret(own, P256.decodeX509(publicDer));
        } catch (CryptoException e) {
            secret = null;
            refused = e;
        }
        check(v, secret, refused);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webcryptoVectors")
    void eachWebCryptoVectorAgreesOrIsRejectedAsWycheproofExpects(Vector v) {
        PrivateKey own = privateKey(base64Url(v.field("private"), "d"));
        JsonNode jwk = v.field("public");
        byte[] secret;
        CryptoException refused = null;
        try {
            secret = Ecdh.sharedSecret(own, P256.decodeUncompressed(uncompressed(jwk)));
        } catch (CryptoException e) {
            secret = null;
            refused = e;
        }
        check(v, secret, refused);
    }

    private static void check(Vector v, byte[] secret, CryptoException refused) {
        byte[] shared = v.hex("shared");
        Result result = v.result();
        if (result == Result.INVALID) {
            assertNotNull(refused, () -> "an invalid public key must be refused, but ECDH gave "
                    + HexFormat.of().formatHex(secret));
            assertEquals(Reason.INVALID_KEY, refused.reason(), refused::getMessage);
        } else if (refused != null) {
            assertEquals(Result.ACCEPTABLE, result,
                    () -> "a valid vector was refused: " + refused.reason() + " " + refused.getMessage());
            assertEquals(Reason.INVALID_KEY, refused.reason(), refused::getMessage);
        } else {
            assertArrayEquals(shared, secret, "shared secret");
        }
    }

    /** A JDK private key for the scalar (big-endian, any length, leading zero bytes allowed). */
    private static PrivateKey privateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(1, scalar), P256.params()));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("cannot build the test's private key", e);
        }
    }

    /** 0x04 || x || y of a JWK's coordinates, as they are (a caller joining them naively). */
    private static byte[] uncompressed(JsonNode jwk) {
        return Wycheproof.concat(new byte[] {0x04}, Wycheproof.concat(base64Url(jwk, "x"), base64Url(jwk, "y")));
    }

    private static byte[] base64Url(JsonNode jwk, String member) {
        return Base64.getUrlDecoder().decode(jwk.get(member).asText());
    }
}

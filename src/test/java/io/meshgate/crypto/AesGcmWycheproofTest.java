package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException.Reason;
import io.meshgate.crypto.Wycheproof.Vector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code aes_gcm_test.json} through {@link AesGcm}.
 *
 * <p>Our AES-GCM is deliberately AES-256 with 96-bit nonces and 128-bit tags only (other key and
 * nonce lengths are refused, see {@link #otherNonceAndKeyLengthsAreRefused()}), so only the groups
 * with keySize 256, ivSize 96 and tagSize 128 are run: <b>66 of the file's 316 vectors</b>.
 */
class AesGcmWycheproofTest {

    private static final String FILE = "aes_gcm_test.json";
    private static final int KEPT = 66;
    private static final int TOTAL = 316;

    static Stream<Vector> vectors() {
        return Wycheproof.vectors(FILE, g -> g.get("keySize").asInt() == 256 && g.get("ivSize").asInt() == 96
                && g.get("tagSize").asInt() == 128).stream();
    }

    @Test
    void keepsTheAes256Nonce96Tag128VectorsOfTheFile() {
        assertEquals(TOTAL, Wycheproof.declaredCount(FILE));
        assertEquals(TOTAL, Wycheproof.vectors(FILE).size());
        assertEquals(KEPT, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachVectorSealsOpensOrIsRejectedAsWycheproofExpects(Vector v) {
        SecretKeyBytes key = SecretKeyBytes.copyOf(v.hex("key"));
        byte[] nonce = v.hex("iv");
        byte[] aad = v.hex("aad");
        byte[] msg = v.hex("msg");
        byte[] sealed = Wycheproof.concat(v.hex("ct"), v.hex("tag"));

        switch (v.result()) {
            case VALID -> {
                assertArrayEquals(sealed, AesGcm.encrypt(key, nonce, aad, msg), "ciphertext || tag");
                assertArrayEquals(msg, AesGcm.decrypt(key, nonce, aad, sealed, 0, sealed.length), "plaintext");
                byte[] framed = new byte[3 + sealed.length + 5];
                System.arraycopy(sealed, 0, framed, 3, sealed.length);
                assertArrayEquals(msg, AesGcm.decrypt(key, nonce, aad, framed, 3, sealed.length),
                        "plaintext of ciphertext || tag inside a larger buffer");
            }
            case INVALID -> {
                CryptoException e = assertThrows(CryptoException.class,
                        () -> AesGcm.decrypt(key, nonce, aad, sealed, 0, sealed.length));
                assertBadMacOrMalformed(e);
            }
            case ACCEPTABLE -> {
                byte[] opened;
                try {
                    opened = AesGcm.decrypt(key, nonce, aad, sealed, 0, sealed.length);
                } catch (CryptoException e) {
                    assertBadMacOrMalformed(e);
                    return;
                }
                assertArrayEquals(msg, opened, "plaintext of an accepted vector");
            }
        }
    }

    @Test
    void otherNonceAndKeyLengthsAreRefused() {
        SecretKeyBytes key = SecretKeyBytes.copyOf(new byte[32]);
        byte[] sealed = new byte[32];
        for (int length : new int[] {8, 16}) {
            byte[] nonce = new byte[length];
            CryptoException enc = assertThrows(CryptoException.class,
                    () -> AesGcm.encrypt(key, nonce, new byte[0], new byte[16]));
            assertEquals(Reason.MALFORMED, enc.reason(), length + "-byte nonce, encrypt");
            CryptoException dec = assertThrows(CryptoException.class,
                    () -> AesGcm.decrypt(key, nonce, new byte[0], sealed, 0, sealed.length));
            assertEquals(Reason.MALFORMED, dec.reason(), length + "-byte nonce, decrypt");
        }

        SecretKeyBytes aes128 = SecretKeyBytes.copyOf(new byte[16]);
        byte[] nonce = new byte[12];
        CryptoException enc = assertThrows(CryptoException.class,
                () -> AesGcm.encrypt(aes128, nonce, new byte[0], new byte[16]));
        assertEquals(Reason.INVALID_KEY, enc.reason(), "16-byte key, encrypt");
        CryptoException dec = assertThrows(CryptoException.class,
                () -> AesGcm.decrypt(aes128, nonce, new byte[0], sealed, 0, sealed.length));
        assertEquals(Reason.INVALID_KEY, dec.reason(), "16-byte key, decrypt");
    }

    private static void assertBadMacOrMalformed(CryptoException e) {
        assertTrue(e.reason() == Reason.BAD_MAC || e.reason() == Reason.MALFORMED,
                "rejected with BAD_MAC or MALFORMED, not " + e.reason());
    }
}

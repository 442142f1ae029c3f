package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.crypto.CryptoException.Reason;
import io.meshgate.crypto.Wycheproof.Vector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code hkdf_sha256_test.json} through {@link Hkdf#sha256}. No filtering: <b>all 86 of
 * the file's 86 vectors</b> are run (including empty salts, the maximal output of 8160 bytes and the
 * invalid output size 8161).
 */
class HkdfWycheproofTest {

    private static final String FILE = "hkdf_sha256_test.json";
    private static final int KEPT = 86;
    private static final int TOTAL = 86;

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
    void eachVectorDerivesTheOutputOrIsRejectedAsWycheproofExpects(Vector v) {
        byte[] ikm = v.hex("ikm");
        byte[] salt = v.hex("salt");
        byte[] info = v.hex("info");
        int size = v.field("size").asInt();

        switch (v.result()) {
            case VALID -> assertArrayEquals(v.hex("okm"), Hkdf.sha256(ikm, salt, info, size));
            case INVALID -> {
                CryptoException e = assertThrows(CryptoException.class, () -> Hkdf.sha256(ikm, salt, info, size));
                assertEquals(Reason.MALFORMED, e.reason());
            }
            case ACCEPTABLE -> {
                byte[] okm;
                try {
                    okm = Hkdf.sha256(ikm, salt, info, size);
                } catch (CryptoException e) {
                    assertEquals(Reason.MALFORMED, e.reason());
                    return;
                }
                assertArrayEquals(v.hex("okm"), okm, "output of an accepted vector");
            }
        }
    }
}

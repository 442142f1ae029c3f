package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.Wycheproof.Vector;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code hmac_sha256_test.json} through {@link HmacSha256}. Our HMAC only produces and
 * accepts full 256-bit tags (a shorter tag never verifies), so only the groups with tagSize 256 are
 * run (all key sizes: 128, 256 and 520 bits): <b>87 of the file's 174 vectors</b>.
 */
class HmacSha256WycheproofTest {

    private static final String FILE = "hmac_sha256_test.json";
    private static final int KEPT = 87;
    private static final int TOTAL = 174;

    static Stream<Vector> vectors() {
        return Wycheproof.vectors(FILE, g -> g.get("tagSize").asInt() == 256).stream();
    }

    @Test
    void keepsTheFullTagVectorsOfTheFile() {
        assertEquals(TOTAL, Wycheproof.declaredCount(FILE));
        assertEquals(TOTAL, Wycheproof.vectors(FILE).size());
        assertEquals(KEPT, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachVectorTagsAndVerifiesAsWycheproofExpects(Vector v) {
        SecretKeyBytes key = SecretKeyBytes.copyOf(v.hex("key"));
        byte[] msg = v.hex("msg");
        byte[] tag = v.hex("tag");

        switch (v.result()) {
            case VALID -> {
                assertArrayEquals(tag, HmacSha256.tag(key, msg), "tag");
                assertTrue(HmacSha256.verify(key, tag, msg), "verify");
                int half = msg.length / 2;
                byte[] head = Arrays.copyOfRange(msg, 0, half);
                byte[] tail = Arrays.copyOfRange(msg, half, msg.length);
                assertArrayEquals(tag, HmacSha256.tag(key, head, tail), "tag over the message in two parts");
                assertTrue(new HmacSha256(key).verify(tag, head, tail), "verify over the message in two parts");
            }
            case INVALID -> {
                assertFalse(HmacSha256.verify(key, tag, msg), "verify");
                assertFalse(new HmacSha256(key).verify(tag, msg), "verify with a bound instance");
            }
            case ACCEPTABLE -> {
                if (HmacSha256.verify(key, tag, msg)) {
                    assertArrayEquals(tag, HmacSha256.tag(key, msg), "tag of an accepted vector");
                }
            }
        }
    }
}

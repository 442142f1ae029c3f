package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.crypto.CryptoException.Reason;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class P256Test {

    private static final BigInteger P = ((ECFieldFp) P256.params().getCurve().getField()).getP();

    /** (5, y) is on P-256: its X has 31 leading zero bytes, which the encoding must keep. */
    private static final BigInteger SMALL_X = BigInteger.valueOf(5);
    private static final BigInteger SMALL_X_Y =
            new BigInteger("459243b9aa581806fe913bce99817ade11ca503c64d9a3c533415c083248fbcc", 16);

    private static byte[] point(BigInteger x, BigInteger y) {
        byte[] out = new byte[P256.UNCOMPRESSED_LENGTH];
        out[0] = 0x04;
        P256.writeFixed(x, out, 1);
        P256.writeFixed(y, out, 33);
        return out;
    }

    private static CryptoException refused(byte[] point) {
        CryptoException e = assertThrows(CryptoException.class, () -> P256.decodeUncompressed(point));
        assertEquals(Reason.INVALID_KEY, e.reason(), e::getMessage);
        return e;
    }

    @Test
    void aGeneratedKeyRoundTripsThroughTheUncompressedEncoding() {
        for (int i = 0; i < 20; i++) {
            ECPublicKey key = (ECPublicKey) P256.generateKeyPair().getPublic();

            byte[] encoded = P256.encodeUncompressed(key);
            ECPublicKey decoded = P256.decodeUncompressed(encoded);

            assertEquals(P256.UNCOMPRESSED_LENGTH, encoded.length);
            assertEquals(0x04, encoded[0]);
            assertEquals(key.getW(), decoded.getW());
            assertArrayEquals(encoded, P256.encodeUncompressed(decoded));
        }
    }

    @Test
    void aPointWithLeadingZeroBytesRoundTripsAtFullLength() {
        byte[] encoded = point(SMALL_X, SMALL_X_Y);
        assertEquals("04" + "00".repeat(31) + "05", HexFormat.of().formatHex(encoded, 0, 33));

        ECPublicKey key = P256.decodeUncompressed(encoded);

        assertEquals(SMALL_X, key.getW().getAffineX());
        assertArrayEquals(encoded, P256.encodeUncompressed(key));
    }

    @Test
    void aPointWithYPlusOneIsNotOnTheCurve() {
        ECPublicKey key = (ECPublicKey) P256.generateKeyPair().getPublic();
        BigInteger y = key.getW().getAffineY().add(BigInteger.ONE).mod(P);

        CryptoException e = refused(point(key.getW().getAffineX(), y));

        assertEquals("public point is not on P-256", e.getMessage());
    }

    @Test
    void aPointOfTheWrongLengthOrPrefixIsRefused() {
        KeyPair pair = P256.generateKeyPair();
        byte[] good = P256.encodeUncompressed((ECPublicKey) pair.getPublic());

        refused(Arrays.copyOf(good, 64));
        refused(Arrays.copyOf(good, 66));
        refused(Arrays.copyOfRange(good, 1, 65));
        refused(new byte[0]);
        refused(null);
        for (byte prefix : new byte[] {0x00, 0x02, 0x03, 0x05, 0x06, 0x07}) {
            byte[] bad = good.clone();
            bad[0] = prefix;
            refused(bad);
        }
        byte[] compressed = Arrays.copyOf(good, 33);
        compressed[0] = (byte) (good[64] & 1) == 0 ? (byte) 0x02 : (byte) 0x03;
        refused(compressed);
    }

    @Test
    void coordinatesOfPOrMoreAreRefusedEvenWhenTheyAreOnTheCurveModuloP() {
        assertEquals(SMALL_X_Y.pow(2).mod(P),
                SMALL_X.pow(3).add(P256.params().getCurve().getA().multiply(SMALL_X))
                        .add(P256.params().getCurve().getB()).mod(P), "(5, y) is on the curve");

        CryptoException e = refused(point(SMALL_X.add(P), SMALL_X_Y));
        assertEquals("public point coordinates outside the field", e.getMessage());

        refused(point(SMALL_X, P));
        refused(point(P, SMALL_X_Y));
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        refused(point(max, SMALL_X_Y));
        refused(point(SMALL_X, max));
    }

    @Test
    void thePointAtTheOriginIsRefused() {
        refused(point(BigInteger.ZERO, BigInteger.ZERO));
    }
}

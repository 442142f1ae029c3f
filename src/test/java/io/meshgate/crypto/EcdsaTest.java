package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.HexFormat;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcdsaTest {

    private static final byte[] DATA = "meshgate handshake transcript".getBytes(StandardCharsets.UTF_8);

    private final KeyPair pair = P256.generateKeyPair();
    private final ECPublicKey publicKey = (ECPublicKey) pair.getPublic();

    @Test
    void aSignatureVerifiesWithTheSignersPublicKey() {
        byte[] sig = Ecdsa.sign(pair.getPrivate(), DATA);

        assertEquals(Ecdsa.P1363_LENGTH, sig.length);
        assertTrue(Ecdsa.verifyP1363(publicKey, DATA, sig));
    }

    @Test
    void aFlippedBitInTheDataFailsVerification() {
        byte[] sig = Ecdsa.sign(pair.getPrivate(), DATA);
        for (int bit : new int[] {0, 7, 100, DATA.length * 8 - 1}) {
            byte[] data = DATA.clone();
            data[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ecdsa.verifyP1363(publicKey, data, sig), "bit " + bit);
        }
    }

    @Test
    void aFlippedBitInTheSignatureFailsVerification() {
        byte[] sig = Ecdsa.sign(pair.getPrivate(), DATA);
        for (int bit : new int[] {0, 7, 255, 256, 300, 511}) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ecdsa.verifyP1363(publicKey, DATA, bad), "bit " + bit);
        }
    }

    @Test
    void aSignatureOfTheWrongLengthFailsVerification() {
        byte[] sig = Ecdsa.sign(pair.getPrivate(), DATA);

        assertFalse(Ecdsa.verifyP1363(publicKey, DATA, Arrays.copyOf(sig, 63)));
        assertFalse(Ecdsa.verifyP1363(publicKey, DATA, Arrays.copyOf(sig, 65)));
        assertFalse(Ecdsa.verifyP1363(publicKey, DATA, new byte[0]));
        assertFalse(Ecdsa.verifyP1363(publicKey, DATA, null));
    }

    @Test
    void anotherKeyDoesNotVerifyTheSignature() {
        byte[] sig = Ecdsa.sign(pair.getPrivate(), DATA);
        ECPublicKey other = (ECPublicKey) P256.generateKeyPair().getPublic();

        assertFalse(Ecdsa.verifyP1363(other, DATA, sig));
    }

    /** RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample". */
    @Test
    void signingFollowsRfc6979DeterministicNonces() throws Exception {
        BigInteger x = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(x, P256.params()));

        byte[] sig = Ecdsa.sign(key, "sample".getBytes(StandardCharsets.US_ASCII));

        assertEquals("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                + "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", HexFormat.of().formatHex(sig));
    }

    @Test
    void aKeyOfAnotherCurveIsRefused() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        PrivateKey p384 = g.generateKeyPair().getPrivate();

        CryptoException e = assertThrows(CryptoException.class, () -> Ecdsa.sign(p384, DATA));
        assertEquals(CryptoException.Reason.INVALID_KEY, e.reason());
    }
}

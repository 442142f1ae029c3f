package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
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
}

package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcdhTest {

    @Test
    void twoGeneratedKeyPairsAgreeOnTheSameSecret() {
        KeyPair alice = P256.generateKeyPair();
        KeyPair bob = P256.generateKeyPair();

        byte[] aliceSecret = Ecdh.sharedSecret(alice.getPrivate(), (ECPublicKey) bob.getPublic());
        byte[] bobSecret = Ecdh.sharedSecret(bob.getPrivate(), (ECPublicKey) alice.getPublic());

        assertEquals(32, aliceSecret.length);
        assertArrayEquals(aliceSecret, bobSecret);
    }

    @Test
    void theSecretAlsoAgreesThroughTheUncompressedEncoding() {
        KeyPair alice = P256.generateKeyPair();
        KeyPair bob = P256.generateKeyPair();

        byte[] viaWire = Ecdh.sharedSecret(alice.getPrivate(),
                P256.decodeUncompressed(P256.encodeUncompressed((ECPublicKey) bob.getPublic())));

        assertArrayEquals(Ecdh.sharedSecret(bob.getPrivate(), (ECPublicKey) alice.getPublic()), viaWire);
    }

    @Test
    void aThirdPartyGetsADifferentSecret() {
        KeyPair alice = P256.generateKeyPair();
        KeyPair bob = P256.generateKeyPair();
        KeyPair eve = P256.generateKeyPair();

        byte[] ab = Ecdh.sharedSecret(alice.getPrivate(), (ECPublicKey) bob.getPublic());
        byte[] eb = Ecdh.sharedSecret(eve.getPrivate(), (ECPublicKey) bob.getPublic());

        assertFalse(Arrays.equals(ab, eb));
    }
}

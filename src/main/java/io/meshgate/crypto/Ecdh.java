package io.meshgate.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;

/** ECDH on P-256 with the JDK's provider; the peer's key is validated first. Thread-safe. */
public final class Ecdh {

    private Ecdh() {
    }

    /** The 32-byte shared secret (the X coordinate) of our private key and the peer's public key. */
    public static byte[] sharedSecret(PrivateKey own, ECPublicKey peer) {
        ECPublicKey valid = P256.validate(peer);
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(own);
            ka.doPhase(valid, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "ECDH failed", e);
        }
    }
}

package io.meshgate.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * ECDH on P-256 (BouncyCastle's P-256 arithmetic, see {@link P256}); the peer's key is validated
 * first and a shared point at infinity is refused. Thread-safe.
 */
public final class Ecdh {

    private Ecdh() {
    }

    /** The 32-byte shared secret (the X coordinate) of our private key and the peer's public key. */
    public static byte[] sharedSecret(PrivateKey own, ECPublicKey peer) {
        ECPublicKeyParameters theirs = P256.publicParameters(peer);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(P256.privateParameters(own));
        BigInteger x;
        try {
            x = agreement.calculateAgreement(theirs);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "ECDH failed", e);
        }
        byte[] out = new byte[32];
        P256.writeFixed(x, out, 0);
        return out;
    }
}

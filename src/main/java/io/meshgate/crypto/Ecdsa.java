package io.meshgate.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * ECDSA on P-256 with SHA-256, JDK provider. The protocol uses the IEEE P1363 form (r || s, 64
 * bytes: what WebCrypto produces); the DER form is for certificates and test vectors.
 */
public final class Ecdsa {

    /** Length of a P1363 signature. */
    public static final int P1363_LENGTH = 64;

    private Ecdsa() {
    }

    /** A P1363 signature (r || s) over the data. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "cannot sign with this key", e);
        }
    }

    /** Whether a P1363 signature verifies; malformed signatures do not. */
    public static boolean verifyP1363(ECPublicKey key, byte[] data, byte[] signature) {
        return signature != null && signature.length == P1363_LENGTH
                && verify("SHA256withECDSAinP1363Format", key, data, signature);
    }

    /** Whether a DER signature verifies; malformed or non-canonical encodings do not. */
    public static boolean verifyDer(ECPublicKey key, byte[] data, byte[] signature) {
        return signature != null && verify("SHA256withECDSA", key, data, signature);
    }

    private static boolean verify(String algorithm, ECPublicKey key, byte[] data, byte[] signature) {
        ECPublicKey valid = P256.validate(key);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(valid);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}

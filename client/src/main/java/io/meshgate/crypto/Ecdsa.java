package io.meshgate.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on P-256 with SHA-256. The protocol uses the IEEE P1363 form (r || s, 64 bytes: what
 * WebCrypto produces); the DER form is for certificates and test vectors and is parsed strictly
 * here (canonical encodings only) before it is verified as r || s.
 *
 * <p>Signing and verification use BouncyCastle's ECDSA on its P-256 arithmetic (see {@link P256}):
 * about three times faster than SunEC in Java 17, which also wrongly rejects the rare valid
 * signatures whose nonce point has an x-coordinate of at least the group order (Wycheproof
 * secp256r1 tcId 350 and 479). Thread-safe.
 */
public final class Ecdsa {

    /** Length of a P1363 signature. */
    public static final int P1363_LENGTH = 64;

    private Ecdsa() {
    }

    /**
     * A P1363 signature (r || s) over the SHA-256 of the data, with the nonce derived from the key
     * and the message (RFC 6979), so a weak random source cannot leak the key.
     */
    public static byte[] sign(PrivateKey key, byte[] data) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, P256.privateParameters(key));
        BigInteger[] rs = signer.generateSignature(sha256(data));
        byte[] out = new byte[P1363_LENGTH];
        P256.writeFixed(rs[0], out, 0);
        P256.writeFixed(rs[1], out, 32);
        return out;
    }

    /** Whether a P1363 signature verifies; malformed signatures do not. */
    public static boolean verifyP1363(ECPublicKey key, byte[] data, byte[] signature) {
        if (signature == null || signature.length != P1363_LENGTH) {
            return false;
        }
        ECPublicKeyParameters pub = P256.publicParameters(key);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, pub);
        try {
            return signer.verifySignature(sha256(data), r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a DER signature verifies; malformed or non-canonical encodings do not. */
    public static boolean verifyDer(ECPublicKey key, byte[] data, byte[] signature) {
        byte[] p1363 = strictDerToP1363(signature);
        return p1363 != null && verifyP1363(key, data, p1363);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * r || s from {@code SEQUENCE { INTEGER r, INTEGER s }} in canonical DER: short-form lengths,
     * minimal positive integers of at most 256 bits, nothing after the sequence; null otherwise.
     */
    static byte[] strictDerToP1363(byte[] der) {
        if (der == null || der.length < 8 || der[0] != 0x30 || (der[1] & 0xFF) != der.length - 2) {
            return null;
        }
        byte[] out = new byte[P1363_LENGTH];
        int next = readInteger(der, 2, out, 0);
        if (next < 0) {
            return null;
        }
        next = readInteger(der, next, out, 32);
        return next == der.length ? out : null;
    }

    private static int readInteger(byte[] der, int at, byte[] out, int outAt) {
        if (at + 2 > der.length || der[at] != 0x02) {
            return -1;
        }
        int len = der[at + 1] & 0xFF;
        int start = at + 2;
        if (len < 1 || len > 33 || start + len > der.length) {
            return -1;
        }
        if ((der[start] & 0x80) != 0) {
            return -1;
        }
        if (der[start] == 0 && (len == 1 || (der[start + 1] & 0x80) == 0)) {
            return len == 1 ? finish(der, start, len, out, outAt) : -1;
        }
        if (len == 33 && der[start] != 0) {
            return -1;
        }
        return finish(der, start, len, out, outAt);
    }

    private static int finish(byte[] der, int start, int len, byte[] out, int outAt) {
        int skip = len == 33 ? 1 : 0;
        int n = len - skip;
        System.arraycopy(der, start + skip, out, outAt + 32 - n, n);
        return start + len;
    }
}

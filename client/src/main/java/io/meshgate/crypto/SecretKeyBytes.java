package io.meshgate.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret key material. It never prints its bytes, compares in constant time, and hands its bytes
 * only to the classes of this package. Immutable until {@link #destroy()}.
 */
public final class SecretKeyBytes {

    private final byte[] bytes;

    private SecretKeyBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key holding a copy of these bytes. */
    public static SecretKeyBytes copyOf(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "empty key");
        }
        return new SecretKeyBytes(bytes.clone());
    }

    /** The key's length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** Whether both keys hold the same bytes, in time independent of where they differ. */
    public boolean equalsConstantTime(SecretKeyBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the key's bytes with zeros; the key is unusable afterwards. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    /** The key as a JCA key for an algorithm (package use only). */
    SecretKeySpec spec(String algorithm) {
        return new SecretKeySpec(bytes, algorithm);
    }

    /** The raw bytes (package use only; never hand them out). */
    byte[] raw() {
        return bytes;
    }

    @Override
    public String toString() {
        return "SecretKeyBytes[" + bytes.length + " bytes]";
    }
}

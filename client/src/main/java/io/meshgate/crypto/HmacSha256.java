package io.meshgate.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 with the JDK's provider. An instance is bound to one key and is not thread-safe
 * (one per session direction); the static methods are.
 */
public final class HmacSha256 {

    /** Length of a tag. */
    public static final int TAG_LENGTH = 32;

    private final Mac mac;

    /** A MAC bound to a key. */
    public HmacSha256(SecretKeyBytes key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(key.spec("HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "HMAC key rejected", e);
        }
    }

    /** The tag over the concatenation of the parts. */
    public byte[] tag(byte[]... parts) {
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** Adds {@code len} bytes of {@code data} from {@code off} to the tag in progress (package use: the frame sealer). */
    void update(byte[] data, int off, int len) {
        mac.update(data, off, len);
    }

    /** Writes the tag over what was added into {@code out} at {@code off}, and starts the next one. */
    void finish(byte[] out, int off) {
        try {
            mac.doFinal(out, off);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalArgumentException("no room for a " + TAG_LENGTH + "-byte tag", e);
        }
    }

    /** Whether the tag matches, compared in constant time; a tag of the wrong length never does. */
    public boolean verify(byte[] tag, byte[]... parts) {
        return tag != null && tag.length == TAG_LENGTH && MessageDigest.isEqual(tag(parts), tag);
    }

    /** One-shot tag. */
    public static byte[] tag(SecretKeyBytes key, byte[]... parts) {
        return new HmacSha256(key).tag(parts);
    }

    /** One-shot constant-time verification. */
    public static boolean verify(SecretKeyBytes key, byte[] tag, byte[]... parts) {
        return new HmacSha256(key).verify(tag, parts);
    }
}

package io.meshgate.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the JDK's provider (AES-NI), 96-bit nonces and 128-bit tags only. Package
 * private on purpose: only the frame sealer chooses nonces, from its direction and sequence number,
 * so that no caller can repeat one.
 */
final class AesGcm {

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private final SecretKeySpec key;
    private final Cipher cipher;

    /**
     * A cipher bound to one key, reused for every frame of one direction (a fresh JCA lookup per
     * frame costs more than the encryption of a small frame). Not thread-safe.
     */
    AesGcm(SecretKeyBytes key) {
        if (key.length() != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "AES-256-GCM needs a 32-byte key");
        }
        this.key = key.spec("AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM", e);
        }
    }

    /** ciphertext || tag, with this instance's key. */
    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        seal(nonce, aad, 0, aad.length, plaintext, out, 0);
        return out;
    }

    /**
     * Writes ciphertext || tag ({@code plaintext.length + TAG_LENGTH} bytes) into {@code out} at
     * {@code outOff}; the associated data is {@code aadLen} bytes of {@code aad} at {@code aadOff}
     * (it may lie in {@code out}, outside the part written).
     */
    void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] plaintext, byte[] out, int outOff) {
        init(Cipher.ENCRYPT_MODE, nonce);
        try {
            cipher.updateAAD(aad, aadOff, aadLen);
            cipher.doFinal(plaintext, 0, plaintext.length, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM encryption failed", e);
        }
    }

    /** The plaintext of {@code len} bytes of ciphertext || tag at {@code off}, or BAD_MAC. */
    byte[] open(byte[] nonce, byte[] aad, byte[] data, int off, int len) {
        return open(nonce, aad, 0, aad.length, data, off, len);
    }

    /** {@link #open(byte[], byte[], byte[], int, int)} with the associated data at {@code aadOff} of {@code aad}. */
    byte[] open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] data, int off, int len) {
        if (len < TAG_LENGTH) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "ciphertext shorter than the tag");
        }
        init(Cipher.DECRYPT_MODE, nonce);
        try {
            cipher.updateAAD(aad, aadOff, aadLen);
            return cipher.doFinal(data, off, len);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Reason.BAD_MAC, "GCM tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM decryption failed", e);
        }
    }

    private void init(int mode, byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM nonce must be 12 bytes");
        }
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "AES-GCM key rejected", e);
        }
    }

    /** ciphertext || tag (one-shot; test vectors use it). */
    static byte[] encrypt(SecretKeyBytes key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return new AesGcm(key).seal(nonce, aad, plaintext);
    }

    /** The plaintext of {@code len} bytes of ciphertext || tag at {@code off}, or BAD_MAC (one-shot). */
    static byte[] decrypt(SecretKeyBytes key, byte[] nonce, byte[] aad, byte[] data, int off, int len) {
        return new AesGcm(key).open(nonce, aad, data, off, len);
    }
}

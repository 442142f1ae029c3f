package io.meshgate.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with the JDK's provider (AES-NI), 96-bit nonces and 128-bit tags only. Package
 * private on purpose: only the frame sealer chooses nonces, from its direction and sequence number,
 * so that no caller can repeat one.
 */
final class AesGcm {

    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private AesGcm() {
    }

    /** ciphertext || tag. */
    static byte[] encrypt(SecretKeyBytes key, byte[] nonce, byte[] aad, byte[] plaintext) {
        Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
        try {
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM encryption failed", e);
        }
    }

    /** The plaintext of {@code len} bytes of ciphertext || tag at {@code off}, or BAD_MAC. */
    static byte[] decrypt(SecretKeyBytes key, byte[] nonce, byte[] aad, byte[] data, int off, int len) {
        if (len < TAG_LENGTH) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "ciphertext shorter than the tag");
        }
        Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
        try {
            c.updateAAD(aad);
            return c.doFinal(data, off, len);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Reason.BAD_MAC, "GCM tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM decryption failed", e);
        }
    }

    private static Cipher cipher(int mode, SecretKeyBytes key, byte[] nonce) {
        if (key.length() != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "AES-256-GCM needs a 32-byte key");
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "AES-GCM nonce must be 12 bytes");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key.spec("AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            return c;
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "AES-GCM key rejected", e);
        }
    }
}

package io.meshgate.crypto;

import java.util.Objects;

/**
 * The two keys of one direction of a session: AES-256-GCM encryption and HMAC-SHA256. Never
 * printed.
 */
public record DirectionKeys(SecretKeyBytes encryption, SecretKeyBytes mac) {
    public DirectionKeys {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(mac, "mac");
        if (encryption.length() != AesGcm.KEY_LENGTH || mac.length() != HmacSha256.TAG_LENGTH) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "direction keys must be 32 bytes each");
        }
    }

    @Override
    public String toString() {
        return "DirectionKeys[hidden]";
    }
}

package io.meshgate.crypto;

import java.util.Objects;

/**
 * A cryptographic check failed or an input is not acceptable. The {@link Reason} is all a caller
 * may act on; messages never contain key material or plaintext.
 */
public final class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation was refused. */
    public enum Reason {
        /** The frame or message is not of the expected form (length, version, encoding). */
        MALFORMED,
        /** The HMAC or the GCM tag did not verify. */
        BAD_MAC,
        /** The frame's sequence number is not the next one expected (gap, replay, reorder). */
        BAD_SEQUENCE,
        /** The frame, or its decompressed payload, is larger than allowed. */
        TOO_LARGE,
        /** A public key, point, signature or certificate is not valid. */
        INVALID_KEY,
        /** The key has sealed as many frames as it may; the session must rekey. */
        KEY_EXHAUSTED
    }

    private final Reason reason;

    public CryptoException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public CryptoException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the operation was refused. */
    public Reason reason() {
        return reason;
    }
}

package io.meshgate.wire;

import io.meshgate.crypto.P256;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * Where a {@link SecureChannel} gets its handshake randoms and ephemeral P-256 key pairs. In
 * production always {@link #SYSTEM}; the cross-language protocol vectors fix both, which is why
 * this type and the factories that take it are package-private.
 */
interface ChannelEntropy {

    /** Fresh values from the system's {@link SecureRandom}. */
    ChannelEntropy SYSTEM = new ChannelEntropy() {
        private final SecureRandom random = new SecureRandom();

        @Override
        public KeyPair ephemeralKeyPair() {
            return P256.generateKeyPair();
        }

        @Override
        public byte[] random(int length) {
            byte[] b = new byte[length];
            random.nextBytes(b);
            return b;
        }
    };

    /** An ephemeral key pair for one handshake. */
    KeyPair ephemeralKeyPair();

    /** {@code length} random bytes. */
    byte[] random(int length);
}

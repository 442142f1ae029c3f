package io.meshgate.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The four keys of a session, derived with HKDF-SHA256 from the ECDH shared secret, salted with
 * the hash of the handshake transcript, one derivation per key with its own label:
 * {@code "meshgate/1 c2s enc"}, {@code "meshgate/1 c2s mac"}, {@code "meshgate/1 s2c enc"},
 * {@code "meshgate/1 s2c mac"} (and the key generation number appended for rekeys).
 */
public record SessionKeys(DirectionKeys clientToServer, DirectionKeys serverToClient) {

    public SessionKeys {
        Objects.requireNonNull(clientToServer, "clientToServer");
        Objects.requireNonNull(serverToClient, "serverToClient");
    }

    /** The keys of key generation {@code generation} (0 for the handshake's keys). */
    public static SessionKeys derive(byte[] sharedSecret, byte[] transcriptHash, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
        return new SessionKeys(
                new DirectionKeys(key(sharedSecret, transcriptHash, "c2s enc", generation),
                        key(sharedSecret, transcriptHash, "c2s mac", generation)),
                new DirectionKeys(key(sharedSecret, transcriptHash, "s2c enc", generation),
                        key(sharedSecret, transcriptHash, "s2c mac", generation)));
    }

    /** The keys a side seals with. */
    public DirectionKeys sending(FrameDirection side) {
        return side == FrameDirection.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    private static SecretKeyBytes key(byte[] secret, byte[] salt, String label, int generation) {
        byte[] info = ("meshgate/1 " + label + (generation == 0 ? "" : " " + generation))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] k = Hkdf.sha256(secret, salt, info, 32);
        try {
            return SecretKeyBytes.copyOf(k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SessionKeys[hidden]";
    }
}

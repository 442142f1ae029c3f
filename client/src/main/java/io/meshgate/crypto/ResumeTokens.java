package io.meshgate.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Resume tokens: what a node gives a client so that the client can take its session to another
 * node. A token is HMAC-SHA256, under a key every node of the cluster shares, over the session id,
 * the node that issued it and the SHA-256 fingerprint of the client's certificate (empty for a
 * plain session), each length-prefixed. Any node can check a token; a token is worthless without
 * the certificate's private key, because the new session's handshake must prove possession of the
 * same certificate; and it travels only inside the sealed channel.
 *
 * <p>Immutable and thread-safe (each call makes its own MAC).
 */
public final class ResumeTokens {

    private static final byte[] LABEL = "meshgate resume v1".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeyBytes key;

    /** Tokens under a cluster key of at least 32 bytes. */
    public ResumeTokens(SecretKeyBytes key) {
        if (Objects.requireNonNull(key, "key").length() < 32) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "a resume key needs at least 32 bytes");
        }
        this.key = key;
    }

    /** The token for a session held by {@code node}, for the client with this certificate fingerprint. */
    public String issue(String sessionId, String node, byte[] clientFingerprint) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                HmacSha256.tag(key, input(sessionId, node, clientFingerprint)));
    }

    /** Whether the token is the one issued for these values; compared in constant time. */
    public boolean verify(String token, String sessionId, String node, byte[] clientFingerprint) {
        byte[] tag;
        try {
            tag = Base64.getUrlDecoder().decode(Objects.requireNonNullElse(token, ""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return HmacSha256.verify(key, tag, input(sessionId, node, clientFingerprint));
    }

    private static byte[] input(String sessionId, String node, byte[] fingerprint) {
        byte[] s = sessionId.getBytes(StandardCharsets.UTF_8);
        byte[] n = node.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(LABEL);
        for (byte[] part : new byte[][] {s, n, fingerprint}) {
            out.write(part.length >>> 8);
            out.write(part.length);
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

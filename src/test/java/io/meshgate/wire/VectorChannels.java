package io.meshgate.wire;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.testing.MutableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The two ends of the vectors' session, built from meshgate's own {@link SecureChannel} with the
 * randoms and ephemeral keys fixed: client alice and node-1 under the vectors' root, checked at
 * {@link VectorPki#NOW}, on one test clock.
 */
final class VectorChannels {

    static final FrameLimits LIMITS = FrameLimits.defaults();
    static final Duration REKEY_AFTER = Duration.ofHours(1);
    static final byte[] SESSION_ID = Arrays.copyOf(digest("session id"), 16);
    static final byte[] CLIENT_RANDOM = digest("client random");
    static final byte[] SERVER_RANDOM = digest("server random");
    static final KeyPair CLIENT_EPHEMERAL = VectorPki.keyPair("client ephemeral");
    static final KeyPair NODE_EPHEMERAL = VectorPki.keyPair("node ephemeral");

    final VectorPki pki;
    final MutableClock clock = new MutableClock(VectorPki.NOW);
    private final CertificateVerifier verifier;

    VectorChannels(VectorPki pki) {
        this.pki = pki;
        this.verifier = new CertificateVerifier(pki.get("ca").certificate());
    }

    /** The client: alice's chain and key, the fixed client random and ephemeral key. */
    SecureChannel client() {
        return SecureChannel.insecureClient(pki.chain("client", "ca"), pki.get("client").key(),
                chain -> verifier.verify(chain, Usage.SERVER_AUTH, VectorPki.NOW), LIMITS, REKEY_AFTER, clock,
                fixed(CLIENT_EPHEMERAL, CLIENT_RANDOM));
    }

    /** node-1: its chain and key, the fixed session id, server random and ephemeral key. */
    SecureChannel node() {
        return server(pki.get("node").key(), "node", "ca");
    }

    /** A server side with another credential (the first name's key and this chain). */
    SecureChannel server(java.security.PrivateKey key, String... chain) {
        return SecureChannel.insecureServer(pki.chain(chain), key,
                c -> verifier.verify(c, Usage.CLIENT_AUTH, VectorPki.NOW), null, SESSION_ID, LIMITS, REKEY_AFTER,
                clock, fixed(NODE_EPHEMERAL, SERVER_RANDOM));
    }

    /** The one frame in a list of frames to send. */
    static byte[] only(List<ByteBuffer> frames) {
        if (frames.size() != 1) {
            throw new IllegalStateException("expected one frame, got " + frames.size());
        }
        return bytes(frames.get(0));
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    static byte[] digest(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("meshgate vectors " + label)
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChannelEntropy fixed(KeyPair pair, byte[] random) {
        return new ChannelEntropy() {
            @Override
            public KeyPair ephemeralKeyPair() {
                return pair;
            }

            @Override
            public byte[] random(int length) {
                if (length != random.length) {
                    throw new IllegalArgumentException("the vectors fix randoms of " + random.length + " bytes");
                }
                return random.clone();
            }
        };
    }
}

package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.testing.MutableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Both ends of a {@link SecureChannel} for the channel's tests: client alice and node-1 under one
 * test root, checked on a {@link MutableClock}, and the helpers that pass messages between them.
 */
final class ChannelFixture {

    static final CertificateAuthority CA = CertificateAuthority.create("test root");
    static final CertificateAuthority OTHER_CA = CertificateAuthority.create("other root");
    static final Credential NODE = CA.issueNode("node-1", List.of("localhost"), List.of("127.0.0.1"),
            Duration.ofDays(1));
    static final Credential CLIENT = CA.issueClient("alice", Duration.ofDays(1));
    static final byte[] SESSION_ID = new byte[16];
    static final FrameLimits LIMITS = FrameLimits.defaults();
    static final Duration HOUR = Duration.ofHours(1);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final CertificateVerifier verifier = new CertificateVerifier(CA.certificate());

    /** A client side with this credential, trusting the test root for serverAuth. */
    SecureChannel client(Credential credential) {
        return client(credential, LIMITS);
    }

    /** A client side with this credential and these frame limits. */
    SecureChannel client(Credential credential, FrameLimits limits) {
        return SecureChannel.client(credential.chain(), credential.key(),
                chain -> verifier.verify(chain, Usage.SERVER_AUTH), limits, HOUR, clock);
    }

    /** node-1's side, with the certificate TLS verified (or null). */
    SecureChannel server(X509Certificate tlsCertificate) {
        return server(NODE, tlsCertificate, LIMITS);
    }

    /** A server side with this credential, checking clients against the test root for clientAuth. */
    SecureChannel server(Credential credential, X509Certificate tlsCertificate, FrameLimits limits) {
        return SecureChannel.server(credential.chain(), credential.key(),
                chain -> verifier.verify(chain, Usage.CLIENT_AUTH), tlsCertificate, SESSION_ID, limits, HOUR, clock);
    }

    /** Runs the four messages of the handshake between the two sides. */
    static void handshake(SecureChannel client, SecureChannel server) {
        FrameLayer.Inbound serverHello = server.open(one(client.start()));
        FrameLayer.Inbound clientFinish = client.open(one(serverHello.replies()));
        FrameLayer.Inbound serverFinish = server.open(one(clientFinish.replies()));
        assertTrue(serverFinish.established());
        FrameLayer.Inbound done = client.open(one(serverFinish.replies()));
        assertTrue(done.established());
        assertFalse(done.replies().iterator().hasNext());
    }

    /** The one frame of a list. */
    static ByteBuffer one(List<ByteBuffer> frames) {
        assertEquals(1, frames.size());
        return frames.get(0).duplicate();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

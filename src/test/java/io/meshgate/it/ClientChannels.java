package io.meshgate.it;

import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.PemFiles;
import io.meshgate.crypto.pki.Usage;
import io.meshgate.wire.SecureChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The client side of the secure channel, for ITs that run the handshake over a raw socket. */
final class ClientChannels {

    private ClientChannels() {
    }

    /** A client channel presenting {@code credential} and trusting the root CA in {@code caCert}. */
    static SecureChannel client(Credential credential, Path caCert) throws IOException {
        CertificateVerifier verifier = new CertificateVerifier(PemFiles.readCertificate(caCert));
        return SecureChannel.client(credential.chain(), credential.key(),
                chain -> verifier.verify(chain, Usage.SERVER_AUTH), FrameLimits.defaults(), Duration.ofHours(1),
                Clock.systemUTC());
    }

    /** A frame's bytes, leaving the buffer as it was. */
    static byte[] bytes(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.duplicate().get(out);
        return out;
    }
}

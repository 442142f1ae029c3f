package io.meshgate.wire;

import io.meshgate.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate chains of the handshake, one DER certificate per field, leaf first, 1 to
 * {@value HandshakeMessage#MAX_CHAIN} of them: the side's own chain as it sends it, and the peer's
 * as it arrives, parsed and verified. A peer's chain that is refused is BAD_CERTIFICATE (4002).
 * Thread-safe.
 */
final class PeerChain {

    private PeerChain() {
    }

    /**
     * The fields of a side's own chain.
     *
     * @throws IllegalArgumentException when the chain does not hold 1 to 4 certificates, or one
     *     cannot be encoded
     */
    static List<byte[]> ownFields(List<X509Certificate> chain) {
        if (chain.isEmpty() || chain.size() > HandshakeMessage.MAX_CHAIN) {
            throw new IllegalArgumentException("own chain must hold 1 to " + HandshakeMessage.MAX_CHAIN + " certificates");
        }
        List<byte[]> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                out.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("own certificate cannot be encoded", e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The peer's chain in these fields, once the verifier accepted it.
     *
     * @throws MeshgateException BAD_CERTIFICATE when the fields do not hold 1 to 4 certificates,
     *     one cannot be parsed, or the verifier refuses the chain
     */
    static List<X509Certificate> verified(List<byte[]> fields, SecureChannel.PeerVerifier verifier) {
        List<X509Certificate> chain = parse(fields);
        try {
            verifier.verify(chain);
        } catch (CryptoException e) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, e.getMessage());
        }
        return chain;
    }

    private static List<X509Certificate> parse(List<byte[]> fields) {
        if (fields.isEmpty() || fields.size() > HandshakeMessage.MAX_CHAIN) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE,
                    "certificate chain must hold 1 to " + HandshakeMessage.MAX_CHAIN + " certificates");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : fields) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return List.copyOf(chain);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, "certificate cannot be parsed");
        }
    }
}

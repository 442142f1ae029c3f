package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * A certificate, its private key, and its chain (leaf first: the certificate itself, then its
 * issuers up to and including the root). The key must belong to the certificate: the compact
 * constructor signs and verifies a probe with it. {@link #toString()} names the certificate and
 * never prints key material.
 */
public record Credential(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

    private static final byte[] PROBE = "meshgate credential key check".getBytes(StandardCharsets.US_ASCII);

    public Credential {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate");
        }
        if (!(certificate.getPublicKey() instanceof ECPublicKey pub) || !Ecdsa.verifyP1363(pub, PROBE,
                Ecdsa.sign(key, PROBE))) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY,
                    "the private key does not belong to the certificate");
        }
    }

    @Override
    public String toString() {
        return "Credential[subject=" + certificate.getSubjectX500Principal().getName()
                + ", serial=" + certificate.getSerialNumber().toString(16)
                + ", notAfter=" + certificate.getNotAfter().toInstant()
                + ", chain=" + chain.size() + " certificate(s)]";
    }
}

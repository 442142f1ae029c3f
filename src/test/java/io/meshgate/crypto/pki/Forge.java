package io.meshgate.crypto.pki;

import io.meshgate.crypto.P256;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds certificates the {@link CertificateAuthority} would never issue, for negative tests. */
final class Forge {

    /** An extension edit on the certificate being built. */
    @FunctionalInterface
    interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    private Forge() {
    }

    /** A certificate whose extensions are the given ones only, signed by the issuer. */
    static Credential signedBy(Credential issuer, String commonName, Extensions extensions) throws Exception {
        KeyPair pair = P256.generateKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), BigInteger.TEN,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + commonName), pair.getPublic());
        extensions.add(b);
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
        List<X509Certificate> chain = new ArrayList<>(List.of(cert));
        chain.addAll(issuer.chain());
        return new Credential(cert, pair.getPrivate(), chain);
    }

    static void endEntity(X509v3CertificateBuilder b) throws Exception {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    }

    static void clientAuth(X509v3CertificateBuilder b) throws Exception {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }

    static void digitalSignature(X509v3CertificateBuilder b) throws Exception {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }
}

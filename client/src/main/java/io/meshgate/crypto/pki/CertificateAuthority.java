package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.P256;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A certificate authority with a P-256 key that signs SHA256withECDSA X.509 v3 certificates: a
 * self-signed root ({@link #create}, or {@link #load} from PEM files) and the end-entity
 * certificates it issues (TLS server, node and client certificates), each with a fresh P-256 key
 * pair. Serial numbers are 128-bit random positive integers. Certificates issued for a {@link
 * Duration} start {@link #BACKDATE} before now so that peers with a slightly slow clock accept
 * them.
 *
 * <p>Immutable and thread-safe. Signing uses the JDK's providers; BouncyCastle only builds the
 * certificate structures.
 */
public final class CertificateAuthority {

    /** Validity of a root made by {@link #create(String)}: ten years. */
    public static final int DEFAULT_CA_YEARS = 10;
    /** How far before "now" the validity of a certificate issued for a duration starts. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final int MAX_COMMON_NAME = 64;
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final Credential credential;

    CertificateAuthority(Credential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
    }

    /** A new root CA valid for {@link #DEFAULT_CA_YEARS} years. */
    public static CertificateAuthority create(String commonName) {
        Instant now = Instant.now();
        Instant notAfter = now.atZone(ZoneOffset.UTC).plusYears(DEFAULT_CA_YEARS).toInstant();
        return create(commonName, now.minus(BACKDATE), notAfter);
    }

    /** A new root CA valid from now (less {@link #BACKDATE}) for the given duration. */
    public static CertificateAuthority create(String commonName, Duration validity) {
        Instant now = Instant.now();
        return create(commonName, now.minus(BACKDATE), now.plus(positive(validity)));
    }

    /** A new root CA valid between the two instants (truncated to whole seconds). */
    public static CertificateAuthority create(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair pair = P256.generateKeyPair();
        X500Name subject = name(commonName);
        X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic(), notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a CA extension", e);
        }
        X509Certificate cert = sign(b, pair.getPrivate());
        return new CertificateAuthority(new Credential(cert, pair.getPrivate(), List.of(cert)));
    }

    /**
     * The CA in a certificate PEM file (its first certificate) and a PKCS#8 private key PEM file.
     *
     * @throws CryptoException if the certificate is not a CA certificate or the key is not its key
     */
    public static CertificateAuthority load(Path certificatePem, Path privateKeyPem) throws IOException {
        X509Certificate cert = PemFiles.readCertificate(certificatePem);
        PrivateKey key = PemFiles.readPrivateKey(privateKeyPem);
        if (cert.getBasicConstraints() < 0) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "not a CA certificate: " + certificatePem);
        }
        return new CertificateAuthority(new Credential(cert, key, List.of(cert)));
    }

    /** The CA's certificate. */
    public X509Certificate certificate() {
        return credential.certificate();
    }

    /** The CA's certificate and private key. */
    public Credential credential() {
        return credential;
    }

    /**
     * A TLS server certificate (nginx's): extended key usage serverAuth, and the DNS names and IP
     * address literals as subject alternative names (at least one of them); no node identity.
     */
    public Credential issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses,
            Duration validity) {
        Instant now = Instant.now();
        return issue(commonName, List.of(Usage.SERVER_AUTH), now.minus(BACKDATE), now.plus(positive(validity)),
                serverNames(dnsNames, ipAddresses));
    }

    /**
     * A node's certificate: a server certificate ({@link #issueServer}) that also names the node
     * (see {@link NodeCertificate}): common name {@code meshgate-node-<nodeId>}, extended key usages
     * serverAuth (the node's own HTTPS listener needs it) and id-kp-meshgateNode, and the URI
     * {@code urn:meshgate:node:<nodeId>} after the DNS names and IP addresses.
     */
    public Credential issueNode(String nodeId, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        List<GeneralName> names = serverNames(dnsNames, ipAddresses);
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, NodeCertificate.uri(nodeId)));
        Instant now = Instant.now();
        return issue(NodeCertificate.commonName(nodeId), List.of(Usage.SERVER_AUTH, Usage.MESHGATE_NODE),
                now.minus(BACKDATE), now.plus(positive(validity)), names);
    }

    /** A TLS client certificate: extended key usage clientAuth, no subject alternative names. */
    public Credential issueClient(String commonName, Duration validity) {
        Instant now = Instant.now();
        return issue(commonName, List.of(Usage.CLIENT_AUTH), now.minus(BACKDATE), now.plus(positive(validity)),
                List.of(), List.of());
    }

    /**
     * An end-entity certificate with explicit validity (truncated to whole seconds) and extended key
     * usages (none: no extended key usage extension). Always: basic constraints CA:false, key usage
     * digitalSignature (critical), subject and authority key identifiers; subject alternative names
     * when DNS names or IP address literals are given.
     */
    public Credential issue(String commonName, List<Usage> usages, Instant notBefore, Instant notAfter,
            List<String> dnsNames, List<String> ipAddresses) {
        return issue(commonName, usages, notBefore, notAfter, names(dnsNames, ipAddresses));
    }

    private Credential issue(String commonName, List<Usage> usages, Instant notBefore, Instant notAfter,
            List<GeneralName> names) {
        KeyPair pair = P256.generateKeyPair();
        X500Name issuer = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = builder(issuer, name(commonName), pair.getPublic(), notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (!usages.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(usages.stream().distinct().map(Usage::purpose).toArray(KeyPurposeId[]::new)));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier());
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode an end-entity extension", e);
        }
        X509Certificate cert = sign(b, credential.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(credential.chain());
        return new Credential(cert, pair.getPrivate(), chain);
    }

    /** The names of a server certificate: at least one DNS name or IP address literal. */
    private static List<GeneralName> serverNames(List<String> dnsNames, List<String> ipAddresses) {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs a DNS name or an IP address");
        }
        return names(dnsNames, ipAddresses);
    }

    private static List<GeneralName> names(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            if (dns == null || !DNS_NAME.matcher(dns).matches()) {
                throw new IllegalArgumentException("not a DNS name: " + dns);
            }
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            if (ip == null || !IPAddress.isValid(ip)) {
                throw new IllegalArgumentException("not an IP address literal: " + ip);
            }
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return names;
    }

    private AuthorityKeyIdentifier authorityKeyIdentifier() {
        byte[] ski = certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            byte[] id = ASN1OctetString.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getOctets();
            return new AuthorityKeyIdentifier(id);
        }
        return extensionUtils().createAuthorityKeyIdentifier(certificate().getPublicKey());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter) {
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant to = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        return new JcaX509v3CertificateBuilder(issuer, serial(), new Time(Date.from(from), Locale.ROOT),
                new Time(Date.from(to), Locale.ROOT), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "cannot sign a certificate with this key", e);
        }
    }

    private static X500Name name(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a common name is required");
        }
        if (commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("a common name has at most " + MAX_COMMON_NAME + " characters");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        BigInteger s;
        do {
            s = new BigInteger(128, RANDOM);
        } while (s.signum() == 0);
        return s;
    }

    private static Duration positive(Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        return validity;
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-1 for key identifiers", e);
        }
    }
}

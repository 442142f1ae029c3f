package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Verifies a peer's certificate chain against the one trusted root with the JDK's PKIX {@link
 * CertPathValidator} (RFC 5280 path validation; no revocation lookups: the {@link DenyList} stands
 * in for them) and meshgate's own rules ({@link PathRules}); {@link PkixRefusals} turns PKIX's
 * refusal into one of the messages below. The chain is leaf first; each certificate must be issued by the next one, and
 * the last by the trusted root, which may or may not end the chain. The checks and their failure
 * messages, in this order:
 *
 * <ol>
 *   <li>{@value #EMPTY_CHAIN};
 *   <li>a certificate whose issuer name is not the next one's subject, or whose authority key
 *       identifier names another key than the next one's (when both carry one):
 *       {@value #BROKEN_CHAIN} (PKIX validates an ordered path; it does not build one);
 *   <li>the trusted root on the deny list or outside its validity at the given instant: "trusted
 *       root is on the deny list", "trusted root expired", "trusted root not yet valid" (PKIX takes
 *       its trust anchor as given);
 *   <li>then PKIX, one certificate at a time from the one the root signed down to the leaf (below,
 *       "certificate" is the leaf; "intermediate certificate" names the others):
 *       <ul>
 *         <li>a key or algorithm the JDK's {@code jdk.certpath.disabledAlgorithms} forbids:
 *             {@value #UNSUPPORTED_ALGORITHM} and the signature algorithm's name;
 *         <li>an intermediate whose key usage lacks keyCertSign: {@value #INTERMEDIATE_CANNOT_SIGN},
 *             or {@value #INTERMEDIATE_NOT_CA} if it is not a CA at all; one that is not a CA:
 *             {@value #INTERMEDIATE_NOT_CA}; a path length constraint exceeded:
 *             {@value #PATH_TOO_LONG};
 *         <li>validity at the given instant: "certificate expired", "certificate not yet valid";
 *         <li>issuer name and signature: {@value #NOT_SIGNED_BY_ROOT} for the certificate the root
 *             must have signed (or when the root is no issuer of it), {@value #BROKEN_CHAIN} for
 *             the others;
 *         <li>a signature algorithm other than ECDSA with SHA-256/384/512:
 *             {@value #UNSUPPORTED_ALGORITHM} and its name;
 *         <li>a certificate on the deny list: "certificate is on the deny list";
 *         <li>a critical extension that neither PKIX (basic constraints, key usage, extended key
 *             usage, subject alternative names, name constraints, policies) nor we process:
 *             {@value #UNSUPPORTED_CRITICAL_EXTENSION} and its OID;
 *         <li>a leaf that is a CA: {@value #LEAF_IS_CA}; a leaf without key usage
 *             digitalSignature: {@value #NO_DIGITAL_SIGNATURE}; a leaf without the required
 *             extended key usage: "certificate not valid for client authentication" or
 *             "certificate not valid for server authentication";
 *         <li>any other PKIX refusal (name constraints, policies): {@value #PATH_NOT_VALID}, a colon
 *             and PKIX's reason in words.
 *       </ul>
 * </ol>
 *
 * Signatures are verified by the JDK's provider (SunEC for P-256). Every failure is a {@link
 * CryptoException} with {@code INVALID_KEY} and one of these messages. Immutable and thread-safe
 * (each verification makes its own validator and parameters).
 */
public final class CertificateVerifier {

    /** The peer sent no certificate. */
    public static final String EMPTY_CHAIN = "empty certificate chain";
    /** A signature algorithm other than ECDSA with SHA-2. */
    public static final String UNSUPPORTED_ALGORITHM = "unsupported signature algorithm";
    /** Two consecutive certificates of the chain do not match. */
    public static final String BROKEN_CHAIN = "certificate chain is broken";
    /** The chain does not lead to the trusted root. */
    public static final String NOT_SIGNED_BY_ROOT = "not signed by the trusted root";
    /** A critical extension this verifier does not process. */
    public static final String UNSUPPORTED_CRITICAL_EXTENSION = "unsupported critical extension";
    /** An intermediate certificate without CA:true. */
    public static final String INTERMEDIATE_NOT_CA = "intermediate certificate is not a CA";
    /** An intermediate certificate whose key usage excludes keyCertSign. */
    public static final String INTERMEDIATE_CANNOT_SIGN = "intermediate certificate may not sign certificates";
    /** More intermediates than a path length constraint allows. */
    public static final String PATH_TOO_LONG = "path length constraint exceeded";
    /** The leaf is a CA certificate. */
    public static final String LEAF_IS_CA = "certificate is a CA, not an end-entity certificate";
    /** The leaf's key usage lacks digitalSignature. */
    public static final String NO_DIGITAL_SIGNATURE = "certificate key usage does not allow digital signatures";
    /** Another PKIX rule failed (name constraints, policies); PKIX's reason follows. */
    public static final String PATH_NOT_VALID = "certificate path not valid";

    private final X509Certificate root;
    private final TrustAnchor anchor;
    private final DenyList denyList;

    /** A verifier trusting this root, with an empty deny list. */
    public CertificateVerifier(X509Certificate trustedRoot) {
        this(trustedRoot, DenyList.empty());
    }

    /**
     * A verifier trusting this root and refusing the certificates on the deny list.
     *
     * @throws CryptoException if the root is not a self-signed CA certificate
     */
    public CertificateVerifier(X509Certificate trustedRoot, DenyList denyList) {
        this.root = Objects.requireNonNull(trustedRoot, "trustedRoot");
        this.denyList = Objects.requireNonNull(denyList, "denyList");
        if (root.getBasicConstraints() < 0 || !selfSigned(root)) {
            throw invalid("the trusted root is not a self-signed CA certificate");
        }
        this.anchor = new TrustAnchor(root, null);
    }

    /** The trusted root. */
    public X509Certificate trustedRoot() {
        return root;
    }

    /** The deny list. */
    public DenyList denyList() {
        return denyList;
    }

    /** The same root with another deny list (after the file changed, say). */
    public CertificateVerifier withDenyList(DenyList other) {
        return new CertificateVerifier(root, other);
    }

    /** {@link #verify(List, Usage, Instant)} now. */
    public void verify(List<X509Certificate> chain, Usage usage) {
        verify(chain, usage, Instant.now());
    }

    /**
     * Verifies the chain (leaf first) for the usage at the instant.
     *
     * @throws CryptoException with {@code INVALID_KEY} and a message naming the rule that failed
     */
    public void verify(List<X509Certificate> chain, Usage usage, Instant at) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(at, "at");
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw invalid(EMPTY_CHAIN);
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        if (path.size() > 1 && path.get(path.size() - 1).equals(root)) {
            path.remove(path.size() - 1);
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!issuedBy(path.get(i), path.get(i + 1))) {
                throw invalid(BROKEN_CHAIN);
            }
        }
        checkRoot(Date.from(at));
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertPathChecker(new PathRules(path.size(), denyList, usage));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw invalid(PkixRefusals.message(e, path));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot validate X.509 paths", e);
        }
    }

    /** The SHA-256 fingerprint of the certificate's DER encoding: 64 lowercase hex digits. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "cannot encode the certificate", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** PKIX checks everything but its trust anchor: the root's deny list entry and validity are ours. */
    private void checkRoot(Date when) {
        if (denyList.denies(root)) {
            throw invalid("trusted root is on the deny list");
        }
        try {
            root.checkValidity(when);
        } catch (CertificateExpiredException e) {
            throw invalid("trusted root expired");
        } catch (CertificateNotYetValidException e) {
            throw invalid("trusted root not yet valid");
        }
    }

    /**
     * Whether the next certificate of the chain is this one's issuer by name and, when both carry
     * one, by key identifier (RFC 5280 4.2.1.1). Signatures are PKIX's to check.
     */
    private static boolean issuedBy(X509Certificate subject, X509Certificate issuer) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        byte[] aki = subject.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (aki == null || ski == null) {
            return true;
        }
        try {
            byte[] named = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(aki))
                    .getKeyIdentifier();
            return named == null || Arrays.equals(named,
                    SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static CryptoException invalid(String message) {
        return new CryptoException(CryptoException.Reason.INVALID_KEY, message);
    }
}

package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.P256;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a peer's certificate chain against the one trusted root, with explicit checks (no
 * revocation lookups; the {@link DenyList} stands in for them). The chain is leaf first; each
 * certificate must be issued and signed by the next one, and the last by the trusted root, which
 * may or may not end the chain. In this order, the checks and their failure messages are:
 *
 * <ol>
 *   <li>{@value #EMPTY_CHAIN};
 *   <li>a signature algorithm other than ECDSA with SHA-256/384/512: {@value #UNSUPPORTED_ALGORITHM};
 *   <li>a certificate not issued and signed by the next one: {@value #BROKEN_CHAIN};
 *   <li>the last one not issued and signed by the root: {@value #NOT_SIGNED_BY_ROOT};
 *   <li>a certificate on the deny list: "certificate is on the deny list" (for the leaf;
 *       "intermediate certificate ..." or "trusted root ..." for the others, in this and the next
 *       rule);
 *   <li>validity at the given instant: "certificate expired", "certificate not yet valid";
 *   <li>a critical extension other than basic constraints, key usage, extended key usage and
 *       subject alternative names: {@value #UNSUPPORTED_CRITICAL_EXTENSION} and its OID;
 *   <li>an intermediate that is not a CA: {@value #INTERMEDIATE_NOT_CA}; one whose key usage
 *       lacks keyCertSign: {@value #INTERMEDIATE_CANNOT_SIGN}; a path length constraint
 *       exceeded: {@value #PATH_TOO_LONG};
 *   <li>a leaf that is a CA: {@value #LEAF_IS_CA};
 *   <li>a leaf without key usage digitalSignature: {@value #NO_DIGITAL_SIGNATURE};
 *   <li>a leaf without the required extended key usage: "certificate not valid for client
 *       authentication" or "certificate not valid for server authentication".
 * </ol>
 *
 * Every failure is a {@link CryptoException} with {@code INVALID_KEY} and one of these messages.
 * Immutable and thread-safe.
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

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    /** Signatures of this algorithm by a P-256 key are checked with {@link Ecdsa}; others by the JDK. */
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final Set<String> ECDSA_SHA2 = Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3",
            "1.2.840.10045.4.3.4");
    private static final Set<String> SUPPORTED_CRITICAL = Set.of("2.5.29.19", "2.5.29.15", "2.5.29.37",
            "2.5.29.17");

    private final X509Certificate root;
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
        if (root.getBasicConstraints() < 0 || !signs(root, root)) {
            throw invalid("the trusted root is not a self-signed CA certificate");
        }
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
        for (X509Certificate c : path) {
            if (!ECDSA_SHA2.contains(c.getSigAlgOID())) {
                throw invalid(UNSUPPORTED_ALGORITHM + " " + c.getSigAlgName());
            }
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!signs(path.get(i + 1), path.get(i))) {
                throw invalid(BROKEN_CHAIN);
            }
        }
        if (!signs(root, path.get(path.size() - 1))) {
            throw invalid(NOT_SIGNED_BY_ROOT);
        }
        List<X509Certificate> all = new ArrayList<>(path);
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            if (denyList.denies(all.get(i))) {
                throw invalid(who(i, all.size()) + " is on the deny list");
            }
        }
        Date when = Date.from(at);
        for (int i = 0; i < all.size(); i++) {
            try {
                all.get(i).checkValidity(when);
            } catch (CertificateExpiredException e) {
                throw invalid(who(i, all.size()) + " expired");
            } catch (CertificateNotYetValidException e) {
                throw invalid(who(i, all.size()) + " not yet valid");
            }
        }
        for (X509Certificate c : path) {
            Set<String> critical = c.getCriticalExtensionOIDs();
            for (String oid : critical == null ? Set.<String>of() : critical) {
                if (!SUPPORTED_CRITICAL.contains(oid)) {
                    throw invalid(UNSUPPORTED_CRITICAL_EXTENSION + " " + oid);
                }
            }
        }
        for (int i = 1; i < all.size(); i++) {
            X509Certificate issuer = all.get(i);
            int pathLen = issuer.getBasicConstraints();
            if (pathLen < 0) {
                throw invalid(INTERMEDIATE_NOT_CA);
            }
            boolean[] ku = issuer.getKeyUsage();
            if (ku != null && (ku.length <= KEY_CERT_SIGN || !ku[KEY_CERT_SIGN])) {
                throw invalid(INTERMEDIATE_CANNOT_SIGN);
            }
            if (i - 1 > pathLen) {
                throw invalid(PATH_TOO_LONG);
            }
        }
        X509Certificate leaf = path.get(0);
        if (leaf.getBasicConstraints() >= 0) {
            throw invalid(LEAF_IS_CA);
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku == null || ku.length <= DIGITAL_SIGNATURE || !ku[DIGITAL_SIGNATURE]) {
            throw invalid(NO_DIGITAL_SIGNATURE);
        }
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            eku = null;
        }
        if (eku == null || !eku.contains(usage.oid())) {
            throw invalid("certificate not valid for " + usage.description());
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

    private static boolean signs(X509Certificate issuer, X509Certificate subject) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            if (ECDSA_WITH_SHA256.equals(subject.getSigAlgOID()) && issuer.getPublicKey() instanceof ECPublicKey ec
                    && P256.params().getCurve().equals(ec.getParams().getCurve())) {
                return Ecdsa.verifyDer(ec, subject.getTBSCertificate(), subject.getSignature());
            }
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String who(int index, int size) {
        if (index == 0) {
            return "certificate";
        }
        return index == size - 1 ? "trusted root" : "intermediate certificate";
    }

    private static CryptoException invalid(String message) {
        return new CryptoException(CryptoException.Reason.INVALID_KEY, message);
    }
}

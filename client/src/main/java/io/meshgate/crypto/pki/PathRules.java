package io.meshgate.crypto.pki;

import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * meshgate's rules beyond PKIX, checked by the JDK's {@code CertPathValidator} on each certificate
 * of one path after its own checkers (root side first, the leaf last): the signature algorithm is
 * ECDSA with SHA-256/384/512, no certificate is on the {@link DenyList}, no critical extension is
 * left that neither PKIX nor this checker processes, and the leaf is an end-entity certificate
 * whose key usage allows digital signatures and whose extended key usage names the {@link Usage}.
 *
 * <p>A refusal is a {@link CertPathValidatorException} whose reason is a {@link Rule} (the
 * validator adds the certificate's index) and whose message is the detail the caller's message
 * needs: the algorithm's name or the extension's OID. One instance checks one path, reverse
 * (root side first) only, on the validating thread.
 */
final class PathRules extends PKIXCertPathChecker {

    /** The rule a certificate broke. */
    enum Rule implements CertPathValidatorException.Reason {
        /** A signature algorithm other than ECDSA with SHA-2; the message is its name. */
        UNSUPPORTED_ALGORITHM,
        /** The certificate is on the deny list. */
        DENIED,
        /** A critical extension nobody processes; the message is its OID. */
        UNSUPPORTED_CRITICAL_EXTENSION,
        /** The leaf is a CA certificate. */
        LEAF_IS_CA,
        /** The leaf's key usage lacks digitalSignature. */
        NO_DIGITAL_SIGNATURE,
        /** The leaf's extended key usage lacks the usage asked for. */
        WRONG_USAGE
    }

    private static final int DIGITAL_SIGNATURE = 0;
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final Set<String> ECDSA_SHA2 = Set.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3",
            "1.2.840.10045.4.3.4");

    private final int length;
    private final DenyList denyList;
    private final Usage usage;
    private int remaining;

    /** Rules for a path of this many certificates (the trusted root not counted). */
    PathRules(int length, DenyList denyList, Usage usage) {
        this.length = length;
        this.denyList = Objects.requireNonNull(denyList, "denyList");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public void init(boolean forward) throws CertPathValidatorException {
        if (forward) {
            throw new CertPathValidatorException("forward checking not supported");
        }
        remaining = length;
    }

    @Override
    public boolean isForwardCheckingSupported() {
        return false;
    }

    /** The extended key usage, which this checker requires of the leaf. */
    @Override
    public Set<String> getSupportedExtensions() {
        return Set.of(EXTENDED_KEY_USAGE);
    }

    @Override
    public void check(Certificate certificate, Collection<String> unresolvedCriticalExtensions)
            throws CertPathValidatorException {
        X509Certificate c = (X509Certificate) certificate;
        remaining--;
        if (!ECDSA_SHA2.contains(c.getSigAlgOID())) {
            throw refused(Rule.UNSUPPORTED_ALGORITHM, c.getSigAlgName());
        }
        if (denyList.denies(c)) {
            throw refused(Rule.DENIED, "on the deny list");
        }
        unresolvedCriticalExtensions.remove(EXTENDED_KEY_USAGE);
        if (!unresolvedCriticalExtensions.isEmpty()) {
            throw refused(Rule.UNSUPPORTED_CRITICAL_EXTENSION, unresolvedCriticalExtensions.iterator().next());
        }
        if (remaining == 0) {
            checkLeaf(c);
        }
    }

    private void checkLeaf(X509Certificate leaf) throws CertPathValidatorException {
        if (leaf.getBasicConstraints() >= 0) {
            throw refused(Rule.LEAF_IS_CA, "a CA certificate");
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku == null || ku.length <= DIGITAL_SIGNATURE || !ku[DIGITAL_SIGNATURE]) {
            throw refused(Rule.NO_DIGITAL_SIGNATURE, "no digitalSignature key usage");
        }
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            eku = null;
        }
        if (eku == null || !eku.contains(usage.oid())) {
            throw refused(Rule.WRONG_USAGE, usage.description());
        }
    }

    private static CertPathValidatorException refused(Rule rule, String detail) {
        return new CertPathValidatorException(detail, null, null, -1, rule);
    }
}

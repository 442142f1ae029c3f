package io.meshgate.crypto.pki;

import static io.meshgate.crypto.pki.CertificateVerifier.BROKEN_CHAIN;
import static io.meshgate.crypto.pki.CertificateVerifier.INTERMEDIATE_CANNOT_SIGN;
import static io.meshgate.crypto.pki.CertificateVerifier.INTERMEDIATE_NOT_CA;
import static io.meshgate.crypto.pki.CertificateVerifier.LEAF_IS_CA;
import static io.meshgate.crypto.pki.CertificateVerifier.NOT_SIGNED_BY_ROOT;
import static io.meshgate.crypto.pki.CertificateVerifier.NO_DIGITAL_SIGNATURE;
import static io.meshgate.crypto.pki.CertificateVerifier.PATH_NOT_VALID;
import static io.meshgate.crypto.pki.CertificateVerifier.PATH_TOO_LONG;
import static io.meshgate.crypto.pki.CertificateVerifier.UNSUPPORTED_ALGORITHM;
import static io.meshgate.crypto.pki.CertificateVerifier.UNSUPPORTED_CRITICAL_EXTENSION;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * The one place where a refusal by the JDK's PKIX validator, with its {@link BasicReason}, {@link
 * PKIXReason} or {@link PathRules.Rule} and the index of the certificate it names, becomes one of
 * {@link CertificateVerifier}'s messages. Stateless.
 */
final class PkixRefusals {

    private PkixRefusals() {
    }

    /**
     * Our message for PKIX's refusal of the path (leaf first, the trusted root left out), from
     * the refusal's reason and the index of the certificate it names.
     */
    static String message(CertPathValidatorException e, List<X509Certificate> path) {
        int index = e.getIndex();
        X509Certificate cert = index >= 0 && index < path.size() ? path.get(index) : null;
        String who = index > 0 ? "intermediate certificate" : "certificate";
        String signer = index == path.size() - 1 ? NOT_SIGNED_BY_ROOT : BROKEN_CHAIN;
        if (e.getReason() instanceof PathRules.Rule rule) {
            return switch (rule) {
                case UNSUPPORTED_ALGORITHM -> UNSUPPORTED_ALGORITHM + " " + e.getMessage();
                case DENIED -> who + " is on the deny list";
                case UNSUPPORTED_CRITICAL_EXTENSION -> UNSUPPORTED_CRITICAL_EXTENSION + " " + e.getMessage();
                case LEAF_IS_CA -> LEAF_IS_CA;
                case NO_DIGITAL_SIGNATURE -> NO_DIGITAL_SIGNATURE;
                case WRONG_USAGE -> "certificate not valid for " + e.getMessage();
            };
        }
        if (e.getReason() instanceof BasicReason basic) {
            switch (basic) {
                case EXPIRED:
                    return who + " expired";
                case NOT_YET_VALID:
                    return who + " not yet valid";
                case INVALID_SIGNATURE:
                    return signer;
                case ALGORITHM_CONSTRAINED:
                    return cert == null ? UNSUPPORTED_ALGORITHM : UNSUPPORTED_ALGORITHM + " " + cert.getSigAlgName();
                default:
                    break;
            }
        }
        if (e.getReason() instanceof PKIXReason pkix) {
            switch (pkix) {
                case NAME_CHAINING:
                    return signer;
                case NO_TRUST_ANCHOR:
                    return NOT_SIGNED_BY_ROOT;
                case NOT_CA_CERT:
                    return INTERMEDIATE_NOT_CA;
                case INVALID_KEY_USAGE:
                    // PKIX checks keyCertSign before CA:true; our rules name the missing CA flag first.
                    return cert != null && cert.getBasicConstraints() < 0 ? INTERMEDIATE_NOT_CA
                            : INTERMEDIATE_CANNOT_SIGN;
                case PATH_TOO_LONG:
                    return PATH_TOO_LONG;
                default:
                    break;
            }
        }
        return PATH_NOT_VALID + ": " + e.getReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

package io.meshgate.console;

import io.meshgate.crypto.pki.CertificateVerifier;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The client certificates that may open the console, from {@code meshgate.console.operators}:
 * entries separated by {@code ;}, each either the SHA-256 fingerprint of a certificate (64 hex
 * digits; colons, case and an {@code openssl}-style {@code SHA256 Fingerprint=} prefix ignored),
 * which names exactly that certificate, or a subject DN (RFC 2253, e.g.
 * {@code CN=alice,O=Example}), which names every certificate of the cluster's CA with that
 * subject, renewals included. Nothing configured means no operator. Immutable.
 */
public final class Operators {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final Set<String> fingerprints;
    private final Set<X500Principal> subjects;

    private Operators(Set<String> fingerprints, Set<X500Principal> subjects) {
        this.fingerprints = Set.copyOf(fingerprints);
        this.subjects = Set.copyOf(subjects);
    }

    /**
     * The operators a configuration value names; null or blank names none.
     *
     * @throws IllegalArgumentException for an entry that is neither a fingerprint nor a DN
     */
    public static Operators parse(String config) {
        Set<String> fingerprints = new LinkedHashSet<>();
        Set<X500Principal> subjects = new LinkedHashSet<>();
        if (config != null) {
            for (String raw : config.split("[;\n]")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                String fingerprint = entry.replaceFirst("(?i)^SHA-?256 Fingerprint=", "").replace(":", "")
                        .toLowerCase(Locale.ROOT);
                if (FINGERPRINT.matcher(fingerprint).matches()) {
                    fingerprints.add(fingerprint);
                } else if (entry.contains("=")) {
                    try {
                        subjects.add(new X500Principal(entry));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("meshgate.console.operators: '" + entry
                                + "' is not a subject DN: " + e.getMessage());
                    }
                } else {
                    throw new IllegalArgumentException("meshgate.console.operators: '" + entry
                            + "' is neither a SHA-256 fingerprint nor a subject DN");
                }
            }
        }
        return new Operators(fingerprints, subjects);
    }

    /** Whether the certificate is an operator's. */
    public boolean includes(X509Certificate certificate) {
        return fingerprints.contains(CertificateVerifier.fingerprint(certificate))
                || subjects.contains(certificate.getSubjectX500Principal());
    }

    /** Whether no certificate is an operator's. */
    public boolean none() {
        return fingerprints.isEmpty() && subjects.isEmpty();
    }
}

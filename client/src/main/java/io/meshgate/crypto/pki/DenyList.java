package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Certificates that must be refused although validly signed: a set of SHA-256 fingerprints of
 * their DER encoding, as {@link CertificateVerifier#fingerprint} computes them (64 lowercase hex
 * digits).
 *
 * <p>The file format is one fingerprint per line; {@code #} starts a comment (to the end of the
 * line); blank lines are ignored; colons and case do not matter; anything up to a {@code =} is
 * ignored, so the output of {@code openssl x509 -noout -fingerprint -sha256} may be appended as is.
 * A line that is not a SHA-256 fingerprint is an error ({@code MALFORMED}), never skipped: a typo
 * must not silently let a certificate through. Immutable and thread-safe.
 *
 * @param fingerprints normalised fingerprints
 */
public record DenyList(Set<String> fingerprints) {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    public DenyList {
        Set<String> normalised = new LinkedHashSet<>();
        for (String f : fingerprints) {
            String n = normalise(f);
            if (!FINGERPRINT.matcher(n).matches()) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "not a SHA-256 fingerprint: " + f);
            }
            normalised.add(n);
        }
        fingerprints = Set.copyOf(normalised);
    }

    /** A deny list that denies nothing. */
    public static DenyList empty() {
        return new DenyList(Set.of());
    }

    /** A deny list of these fingerprints (colons and case ignored). */
    public static DenyList of(Collection<String> fingerprints) {
        return new DenyList(Set.copyOf(fingerprints));
    }

    /** The deny list in a text file, UTF-8 (see the class comment for the format). */
    public static DenyList load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The deny list in these lines (see the class comment for the format). */
    public static DenyList parse(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int eq = line.lastIndexOf('=');
            if (eq >= 0) {
                line = line.substring(eq + 1);
            }
            String n = normalise(line);
            if (n.isEmpty()) {
                continue;
            }
            if (!FINGERPRINT.matcher(n).matches()) {
                throw new CryptoException(CryptoException.Reason.MALFORMED,
                        "deny list line " + number + " is not a SHA-256 fingerprint");
            }
            out.add(n);
        }
        return new DenyList(out);
    }

    /** Whether the certificate's fingerprint is on the list. */
    public boolean denies(X509Certificate certificate) {
        return fingerprints.contains(CertificateVerifier.fingerprint(certificate));
    }

    /** Whether the fingerprint (colons and case ignored) is on the list. */
    public boolean denies(String fingerprint) {
        return fingerprints.contains(normalise(fingerprint));
    }

    /** How many fingerprints the list holds. */
    public int size() {
        return fingerprints.size();
    }

    private static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }
}

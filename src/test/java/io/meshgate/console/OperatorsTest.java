package io.meshgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.pki.CertificateAuthority;
import io.meshgate.crypto.pki.CertificateVerifier;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    private static X509Certificate alice;
    private static X509Certificate bob;

    @BeforeAll
    static void certificates() {
        CertificateAuthority ca = CertificateAuthority.create("test root");
        alice = ca.issueClient("alice", Duration.ofDays(1)).certificate();
        bob = ca.issueClient("bob", Duration.ofDays(1)).certificate();
    }

    @Test
    void aListedFingerprintIsAnOperator() {
        assertTrue(Operators.parse(CertificateVerifier.fingerprint(alice)).includes(alice));
    }

    @Test
    void aCertificateWhoseFingerprintIsNotListedIsNoOperator() {
        assertFalse(Operators.parse(CertificateVerifier.fingerprint(alice)).includes(bob));
    }

    @Test
    void aFingerprintInOpensslsSpellingIsAccepted() {
        String openssl = "SHA256 Fingerprint=" + HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(HexFormat.of().parseHex(CertificateVerifier.fingerprint(alice)));

        assertTrue(Operators.parse(openssl).includes(alice));
    }

    @Test
    void aListedSubjectIsAnOperator() {
        assertTrue(Operators.parse(alice.getSubjectX500Principal().getName()).includes(alice));
    }

    @Test
    void aSubjectNamesNoOtherCertificate() {
        assertFalse(Operators.parse(alice.getSubjectX500Principal().getName()).includes(bob));
    }

    @Test
    void entriesAreSeparatedBySemicolons() {
        Operators both = Operators.parse(CertificateVerifier.fingerprint(bob) + " ; "
                + alice.getSubjectX500Principal().getName());

        assertTrue(both.includes(alice));
        assertTrue(both.includes(bob));
    }

    @Test
    void nothingConfiguredNamesNoOperator() {
        Operators none = Operators.parse(null);

        assertTrue(none.none());
        assertFalse(none.includes(alice));
    }

    @Test
    void anEntryThatIsNeitherAFingerprintNorADnIsRefusedWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Operators.parse("alice"));

        assertEquals("meshgate.console.operators: 'alice' is neither a SHA-256 fingerprint nor a subject DN",
                e.getMessage());
    }

    @Test
    void aShortenedFingerprintIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Operators.parse(CertificateVerifier.fingerprint(alice).substring(2)));
    }
}

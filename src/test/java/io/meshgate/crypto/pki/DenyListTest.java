package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenyListTest {

    private static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String OTHER = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    @TempDir
    Path dir;

    @Test
    void commentLinesAndBlankLinesAreIgnored() {
        DenyList list = DenyList.parse(List.of("# header", "", "   ", HEX, "  # indented comment"));

        assertEquals(Set.of(HEX), list.fingerprints());
    }

    @Test
    void commentAfterAFingerprintIsIgnored() {
        DenyList list = DenyList.parse(List.of(HEX + "  # alice's laptop, stolen"));

        assertEquals(Set.of(HEX), list.fingerprints());
    }

    @Test
    void colonsAreIgnored() {
        DenyList list = DenyList.parse(List.of(colons(HEX)));

        assertEquals(Set.of(HEX), list.fingerprints());
    }

    @Test
    void uppercaseIsNormalisedToLowercase() {
        DenyList list = DenyList.parse(List.of(HEX.toUpperCase(Locale.ROOT)));

        assertEquals(Set.of(HEX), list.fingerprints());
    }

    @Test
    void opensslFingerprintOutputIsAccepted() {
        DenyList list = DenyList.parse(List.of("sha256 Fingerprint=" + colons(HEX).toUpperCase(Locale.ROOT)));

        assertEquals(Set.of(HEX), list.fingerprints());
    }

    @Test
    void lineThatIsNotAFingerprintIsRefused() {
        CryptoException e = assertThrows(CryptoException.class,
                () -> DenyList.parse(List.of(HEX, HEX.substring(1))));

        assertEquals("deny list line 2 is not a SHA-256 fingerprint", e.getMessage());
    }

    @Test
    void loadReadsAFile() throws Exception {
        Path file = dir.resolve("deny-list.txt");
        Files.writeString(file, "# denied\n" + HEX + "\n\n" + OTHER + "\n", StandardCharsets.UTF_8);

        assertEquals(Set.of(HEX, OTHER), DenyList.load(file).fingerprints());
    }

    @Test
    void deniesACertificateByItsFingerprint() {
        Credential client = CertificateAuthority.create("meshgate test CA").issueClient("alice", Duration.ofDays(1));

        DenyList list = DenyList.of(List.of(CertificateVerifier.fingerprint(client.certificate())));

        assertTrue(list.denies(client.certificate()));
    }

    @Test
    void deniesAFingerprintWrittenWithColonsAndUppercase() {
        assertTrue(DenyList.of(List.of(HEX)).denies(colons(HEX).toUpperCase(Locale.ROOT)));
    }

    @Test
    void emptyListDeniesNothing() {
        assertFalse(DenyList.empty().denies(HEX));
    }

    private static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }
}

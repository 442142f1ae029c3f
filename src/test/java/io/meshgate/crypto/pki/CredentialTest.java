package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CredentialTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("meshgate test CA");
    private static final Credential CLIENT = CA.issueClient("alice", Duration.ofDays(1));

    @Test
    void toStringNamesTheSubject() {
        assertTrue(CLIENT.toString().contains("CN=alice"));
    }

    @Test
    void toStringContainsNoKeyBytes() {
        String s = CLIENT.toString().toLowerCase(Locale.ROOT);
        byte[] pkcs8 = CLIENT.key().getEncoded();
        String scalar = ((ECPrivateKey) CLIENT.key()).getS().toString(16);

        assertFalse(s.contains(HexFormat.of().formatHex(pkcs8)));
        assertFalse(s.contains(Base64.getEncoder().encodeToString(pkcs8).toLowerCase(Locale.ROOT)));
        assertFalse(s.contains(scalar.substring(0, 16)));
        assertFalse(s.contains(((ECPrivateKey) CLIENT.key()).getS().toString()));
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        CryptoException e = assertThrows(CryptoException.class,
                () -> new Credential(CLIENT.certificate(), CA.credential().key(), CLIENT.chain()));

        assertEquals(CryptoException.Reason.INVALID_KEY, e.reason());
    }

    @Test
    void chainMustStartWithTheCertificate() {
        assertThrows(IllegalArgumentException.class,
                () -> new Credential(CLIENT.certificate(), CLIENT.key(), List.of(CA.certificate())));
    }

    @Test
    void chainIsACopy() {
        assertThrows(UnsupportedOperationException.class, () -> CLIENT.chain().clear());
    }
}

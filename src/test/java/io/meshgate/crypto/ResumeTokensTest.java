package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResumeTokensTest {

    private static final byte[] FINGERPRINT = new byte[32];
    private final ResumeTokens tokens = new ResumeTokens(SecretKeyBytes.copyOf(filled(32, 7)));
    private final String token = tokens.issue("session-1", "node-1", FINGERPRINT);

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aTokenVerifiesForTheSessionNodeAndCertificateItWasIssuedFor() {
        assertTrue(tokens.verify(token, "session-1", "node-1", FINGERPRINT));
    }

    @Test
    void aTokenIsTheBase64urlOfAnHmacSha256() {
        assertEquals(43, token.length());
    }

    @Test
    void aTokenDoesNotVerifyForAnotherSession() {
        assertFalse(tokens.verify(token, "session-2", "node-1", FINGERPRINT));
    }

    @Test
    void aTokenDoesNotVerifyForAnotherNode() {
        assertFalse(tokens.verify(token, "session-1", "node-2", FINGERPRINT));
    }

    @Test
    void aTokenDoesNotVerifyForAnotherCertificate() {
        assertFalse(tokens.verify(token, "session-1", "node-1", filled(32, 1)));
    }

    @Test
    void aTokenDoesNotVerifyUnderAnotherClusterKey() {
        ResumeTokens other = new ResumeTokens(SecretKeyBytes.copyOf(filled(32, 8)));

        assertFalse(other.verify(token, "session-1", "node-1", FINGERPRINT));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertNotEquals(tokens.issue("ab", "c", FINGERPRINT), tokens.issue("a", "bc", FINGERPRINT));
    }

    @Test
    void garbageIsNotAToken() {
        assertFalse(tokens.verify("not base64 !", "session-1", "node-1", FINGERPRINT));
        assertFalse(tokens.verify(null, "session-1", "node-1", FINGERPRINT));
        assertFalse(tokens.verify(token.substring(1), "session-1", "node-1", FINGERPRINT));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThrows(CryptoException.class, () -> new ResumeTokens(SecretKeyBytes.copyOf(filled(31, 1))));
    }
}

package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.P256;
import io.meshgate.crypto.SealedFrame;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

class KeyScheduleTest {

    private static final KeyPair CLIENT_EPHEMERAL = P256.generateKeyPair();
    private static final KeyPair NODE_EPHEMERAL = P256.generateKeyPair();
    private static final byte[] TRANSCRIPT = Transcript.hash(ascii("CH"), ascii("SH"));
    private static final byte[] PAYLOAD = ascii("{\"kind\":\"req\"}");

    private final KeySchedule client = KeySchedule.agree(CLIENT_EPHEMERAL.getPrivate(),
            (ECPublicKey) NODE_EPHEMERAL.getPublic(), TRANSCRIPT);
    private final KeySchedule node = KeySchedule.agree(NODE_EPHEMERAL.getPrivate(),
            (ECPublicKey) CLIENT_EPHEMERAL.getPublic(), TRANSCRIPT);

    @Test
    void bothSidesConfirmEachOthersFinish() {
        byte[] hash = Transcript.hash(ascii("CH"), ascii("SH"), ascii("CF"));

        assertTrue(node.confirms(FrameDirection.CLIENT_TO_SERVER,
                client.confirmation(FrameDirection.CLIENT_TO_SERVER, hash), hash));
        assertTrue(client.confirms(FrameDirection.SERVER_TO_CLIENT,
                node.confirmation(FrameDirection.SERVER_TO_CLIENT, hash), hash));
    }

    @Test
    void aConfirmationOfOneDirectionDoesNotConfirmTheOther() {
        byte[] confirmation = client.confirmation(FrameDirection.CLIENT_TO_SERVER, TRANSCRIPT);

        assertFalse(node.confirms(FrameDirection.SERVER_TO_CLIENT, confirmation, TRANSCRIPT));
    }

    @Test
    void aConfirmationDoesNotConfirmAnotherTranscript() {
        byte[] confirmation = client.confirmation(FrameDirection.CLIENT_TO_SERVER, TRANSCRIPT);

        assertFalse(node.confirms(FrameDirection.CLIENT_TO_SERVER, confirmation, Transcript.hash(ascii("other"))));
    }

    @Test
    void aScheduleAgreedOverAnotherTranscriptConfirmsNothing() {
        KeySchedule other = KeySchedule.agree(NODE_EPHEMERAL.getPrivate(), (ECPublicKey) CLIENT_EPHEMERAL.getPublic(),
                Transcript.hash(ascii("other")));

        assertFalse(other.confirms(FrameDirection.CLIENT_TO_SERVER,
                client.confirmation(FrameDirection.CLIENT_TO_SERVER, TRANSCRIPT), TRANSCRIPT));
    }

    @Test
    void confirmationsNoLongerVerifyOnceTheHandshakeHasEnded() {
        byte[] confirmation = client.confirmation(FrameDirection.CLIENT_TO_SERVER, TRANSCRIPT);

        node.endHandshake();

        assertFalse(node.confirms(FrameDirection.CLIENT_TO_SERVER, confirmation, TRANSCRIPT));
    }

    @Test
    void bothSidesDeriveTheSameKeysOfAGeneration() {
        byte[] frame = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER,
                client.keys(FrameDirection.CLIENT_TO_SERVER, 3), FrameLimits.defaults()).seal(SealedFrame.DATA, PAYLOAD,
                false);

        assertArrayEquals(PAYLOAD, new SealedFrame.Opener(FrameDirection.CLIENT_TO_SERVER,
                node.keys(FrameDirection.CLIENT_TO_SERVER, 3), FrameLimits.defaults()).open(frame).payload());
    }

    @Test
    void eachGenerationHasItsOwnKeys() {
        byte[] frame = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER,
                client.keys(FrameDirection.CLIENT_TO_SERVER, 1), FrameLimits.defaults()).seal(SealedFrame.DATA, PAYLOAD,
                false);
        SealedFrame.Opener previous = new SealedFrame.Opener(FrameDirection.CLIENT_TO_SERVER,
                node.keys(FrameDirection.CLIENT_TO_SERVER, 0), FrameLimits.defaults());

        CryptoException e = assertThrows(CryptoException.class, () -> previous.open(frame));

        assertEquals(CryptoException.Reason.BAD_MAC, e.reason());
    }

    @Test
    void scheduleNeverPrintsItsKeys() {
        assertEquals("KeySchedule[hidden]", client.toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

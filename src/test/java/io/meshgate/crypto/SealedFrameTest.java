package io.meshgate.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SealedFrameTest {

    private static final byte DATA = 0x01;
    private static final byte[] SECRET = bytes(32, 7);
    private static final byte[] TRANSCRIPT = bytes(32, 9);
    private static final SessionKeys KEYS = SessionKeys.derive(SECRET, TRANSCRIPT, 0);
    private static final FrameLimits LIMITS = FrameLimits.defaults();

    private final SealedFrame.Sealer client = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER,
            KEYS.clientToServer(), LIMITS);
    private final SealedFrame.Opener server = new SealedFrame.Opener(FrameDirection.CLIENT_TO_SERVER,
            KEYS.clientToServer(), LIMITS);

    @Test
    void openReturnsTheSealedPayloadAndKind() {
        byte[] payload = json(100);

        SealedFrame.Opened opened = server.open(client.seal(DATA, payload, true));

        assertEquals(DATA, opened.kind());
        assertArrayEquals(payload, opened.payload());
    }

    @Test
    void payloadUnderTheThresholdIsNotCompressed() {
        byte[] frame = client.seal(DATA, json(100), true);

        assertEquals(0, frame[2]);
        assertEquals(100 + SealedFrame.OVERHEAD, frame.length);
    }

    @Test
    void payloadOverTheThresholdIsCompressedAndFlagged() {
        byte[] payload = json(2000);

        byte[] frame = client.seal(DATA, payload, true);

        assertEquals(SealedFrame.FLAG_COMPRESSED, frame[2]);
        assertTrue(frame.length < payload.length);
        assertArrayEquals(payload, server.open(frame).payload());
    }

    @Test
    void compressionSwitchedOffLeavesThePayloadUncompressed() {
        byte[] frame = client.seal(DATA, json(2000), false);

        assertEquals(0, frame[2]);
        assertEquals(2000 + SealedFrame.OVERHEAD, frame.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 2000})
    void everySingleBitFlipIsRejectedAndNothingIsOpened(int size) {
        byte[] frame = client.seal(DATA, json(size), true);
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] flipped = frame.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            SealedFrame.Opener fresh = new SealedFrame.Opener(FrameDirection.CLIENT_TO_SERVER, KEYS.clientToServer(),
                    LIMITS);
            CryptoException e = assertThrows(CryptoException.class, () -> fresh.open(flipped), "bit " + bit);
            CryptoException.Reason expected = bit < 8 ? CryptoException.Reason.MALFORMED : CryptoException.Reason.BAD_MAC;
            assertEquals(expected, e.reason(), "bit " + bit);
            assertEquals(0, fresh.expected(), "bit " + bit);
        }
    }

    @Test
    void authenticFrameOfAnUnknownKindIsMalformed() {
        byte[] frame = client.seal((byte) 0x03, json(10), false);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(frame));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
        assertEquals("unknown frame kind 3", e.getMessage());
        assertEquals(0, server.expected());
    }

    @Test
    void authenticFrameWithAnUnknownFlagIsMalformed() {
        byte[] frame = client.seal(DATA, json(10), false);
        frame[2] = 0x02;
        int macAt = frame.length - HmacSha256.TAG_LENGTH;
        byte[] mac = new HmacSha256(KEYS.clientToServer().mac()).tag(Arrays.copyOf(frame, SealedFrame.HEADER_LENGTH),
                SealedFrame.nonce(FrameDirection.CLIENT_TO_SERVER, 0),
                Arrays.copyOfRange(frame, SealedFrame.HEADER_LENGTH, macAt));
        System.arraycopy(mac, 0, frame, macAt, mac.length);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(frame));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
        assertEquals("unknown frame flags 2", e.getMessage());
    }

    @Test
    void frameOfAnotherVersionIsMalformedBeforeItsHmacIsChecked() {
        byte[] frame = client.seal(DATA, json(10), false);
        frame[0] = 2;

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(frame));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
        assertEquals("unknown frame version 2", e.getMessage());
    }

    @Test
    void truncatedFrameIsRejected() {
        byte[] frame = client.seal(DATA, json(100), true);

        CryptoException e = assertThrows(CryptoException.class,
                () -> server.open(Arrays.copyOf(frame, frame.length - 1)));

        assertEquals(CryptoException.Reason.BAD_MAC, e.reason());
    }

    @Test
    void frameShorterThanTheOverheadIsMalformed() {
        CryptoException e = assertThrows(CryptoException.class, () -> server.open(new byte[SealedFrame.OVERHEAD - 1]));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
        assertEquals("frame shorter than 59 bytes", e.getMessage());
    }

    @Test
    void replayedFrameIsRejected() {
        byte[] first = client.seal(DATA, json(100), true);
        server.open(first);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(first));

        assertEquals(CryptoException.Reason.BAD_SEQUENCE, e.reason());
        assertEquals("frame sequence 0 where 1 was expected", e.getMessage());
    }

    @Test
    void reorderedFrameIsRejected() {
        client.seal(DATA, json(100), true);
        byte[] second = client.seal(DATA, json(100), true);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(second));

        assertEquals(CryptoException.Reason.BAD_SEQUENCE, e.reason());
    }

    @Test
    void frameReflectedBackToItsSenderIsRejected() {
        SealedFrame.Sealer serverSealer = new SealedFrame.Sealer(FrameDirection.SERVER_TO_CLIENT,
                KEYS.serverToClient(), LIMITS);
        byte[] fromServer = serverSealer.seal(DATA, json(100), true);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(fromServer));

        assertEquals(CryptoException.Reason.BAD_MAC, e.reason());
    }

    @Test
    void frameOverTheSizeLimitIsRejectedBeforeAnyCheck() {
        CryptoException e = assertThrows(CryptoException.class, () -> server.open(new byte[64 * 1024 + 1]));

        assertEquals(CryptoException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void sealRefusesAFrameOverTheSizeLimit() {
        byte[] random = new byte[70_000];
        new java.util.Random(1).nextBytes(random);

        CryptoException e = assertThrows(CryptoException.class, () -> client.seal(DATA, random, true));

        assertEquals(CryptoException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void brotliBombIsStoppedAtThePayloadLimit() {
        FrameLimits generous = new FrameLimits(64 * 1024, 64 * 1024 * 1024, 256, 4, 1L << 24);
        SealedFrame.Sealer attacker = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, KEYS.clientToServer(),
                generous);
        byte[] bomb = attacker.seal(DATA, new byte[16 * 1024 * 1024], true);
        assertTrue(bomb.length < 2_000, "the bomb frame is small: " + bomb.length);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(bomb));

        assertEquals(CryptoException.Reason.TOO_LARGE, e.reason());
        assertEquals("decompressed payload exceeds 1048576 bytes", e.getMessage());
    }

    @Test
    void frameSealedWithTheNextGenerationsKeyDoesNotOpenWithTheOld() {
        SessionKeys next = SessionKeys.derive(SECRET, TRANSCRIPT, 1);
        SealedFrame.Sealer rekeyed = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, next.clientToServer(),
                LIMITS);

        CryptoException e = assertThrows(CryptoException.class, () -> server.open(rekeyed.seal(DATA, json(100), true)));

        assertEquals(CryptoException.Reason.BAD_MAC, e.reason());
    }

    @Test
    void keyRefusesToSealPastItsFrameLimit() {
        SealedFrame.Sealer small = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, KEYS.clientToServer(),
                LIMITS.withMaxFramesPerKey(3));
        for (int i = 0; i < 3; i++) {
            small.seal(DATA, json(10), false);
        }

        CryptoException e = assertThrows(CryptoException.class, () -> small.seal(DATA, json(10), false));

        assertEquals(CryptoException.Reason.KEY_EXHAUSTED, e.reason());
    }

    @Test
    void rekeyIsDueBeforeTheKeyIsExhausted() {
        SealedFrame.Sealer small = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, KEYS.clientToServer(),
                LIMITS.withMaxFramesPerKey(32));
        for (int i = 0; i < 29; i++) {
            small.seal(DATA, json(10), false);
        }
        assertFalse(small.needsRekey());

        small.seal(DATA, json(10), false);

        assertTrue(small.needsRekey());
    }

    @Test
    void noKeyAndNonceRepeatOverAMillionFramesAcrossRekeys() {
        FrameLimits limits = LIMITS.withMaxFramesPerKey(200_000);
        Set<String> used = new HashSet<>();
        int generation = 0;
        SessionKeys keys = KEYS;
        SealedFrame.Sealer sealer = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, keys.clientToServer(),
                limits);
        byte[] payload = json(16);
        for (int i = 0; i < 1_000_000; i++) {
            if (sealer.sealed() == limits.maxFramesPerKey()) {
                generation++;
                keys = SessionKeys.derive(SECRET, TRANSCRIPT, generation);
                sealer = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, keys.clientToServer(), limits);
            }
            byte[] frame = sealer.seal(DATA, payload, false);
            long seq = ByteBuffer.wrap(frame, 3, 8).getLong();
            assertTrue(used.add(generation + ":" + seq), () -> "nonce reused");
        }
        assertEquals(1_000_000, used.size());
        assertEquals(4, generation);
    }

    @Test
    void sessionKeysOfOneGenerationAreAllDifferent() {
        assertFalse(KEYS.clientToServer().encryption().equalsConstantTime(KEYS.serverToClient().encryption()));
        assertFalse(KEYS.clientToServer().mac().equalsConstantTime(KEYS.serverToClient().mac()));
        assertFalse(KEYS.clientToServer().encryption().equalsConstantTime(KEYS.clientToServer().mac()));
    }

    @Test
    void keysNeverPrintTheirBytes() {
        assertEquals("SessionKeys[hidden]", KEYS.toString());
        assertEquals("DirectionKeys[hidden]", KEYS.clientToServer().toString());
    }

    private static byte[] json(int size) {
        StringBuilder b = new StringBuilder("{\"kind\":\"req\",\"params\":\"");
        while (b.length() < size - 2) {
            b.append("abcdefgh".charAt(b.length() % 8));
        }
        return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}

package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlainFrameLayerTest {

    private final PlainFrameLayer layer = new PlainFrameLayer(100);

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Test
    void openRejectsFrameOverTheLimitAsFrameTooLarge() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> layer.open(ByteBuffer.wrap(bytes(101))));

        assertEquals(MeshgateException.Kind.FRAME_TOO_LARGE, e.kind());
        assertEquals("frame of 101 bytes exceeds the limit of 100", e.getMessage());
    }

    @Test
    void frameTooLargeClosesTheSessionWithCode1009() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> layer.open(ByteBuffer.wrap(bytes(101))));

        assertEquals(1009, e.kind().closeCode());
    }

    @Test
    void openRejectsEmptyFrameAsMalformed() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> layer.open(ByteBuffer.allocate(0)));

        assertEquals(MeshgateException.Kind.MALFORMED_FRAME, e.kind());
        assertEquals("empty frame", e.getMessage());
    }

    @Test
    void malformedFrameClosesTheSessionWithCode1007() {
        MeshgateException e = assertThrows(MeshgateException.class, () -> layer.open(ByteBuffer.allocate(0)));

        assertEquals(1007, e.kind().closeCode());
    }

    @Test
    void openPassesFrameExactlyAtTheLimit() {
        byte[] frame = bytes(100);

        assertArrayEquals(frame, layer.open(ByteBuffer.wrap(frame)).payload());
    }

    @Test
    void openReadsOnlyTheRemainingBytes() {
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {'a', 'b', 'c', 'd'});
        frame.position(1).limit(3);

        assertArrayEquals(new byte[] {'b', 'c'}, layer.open(frame).payload());
    }

    @Test
    void openMeasuresOnlyTheRemainingBytesAgainstTheLimit() {
        ByteBuffer frame = ByteBuffer.wrap(bytes(150));
        frame.position(50);

        assertEquals(100, layer.open(frame).payload().length);
    }

    @Test
    void sealWrapsThePayload() {
        byte[] payload = {'{', '}'};

        java.util.List<ByteBuffer> sealed = layer.seal(payload);

        assertEquals(java.util.List.of(ByteBuffer.wrap(payload)), sealed);
    }

    @Test
    void suiteIsPlain() {
        assertEquals("plain", layer.suite());
    }

    @Test
    void constructorRejectsLimitBelow64() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlainFrameLayer(63));

        assertEquals("maxFrameBytes must be at least 64", e.getMessage());
    }

    @Test
    void constructorAcceptsLimitOf64() {
        assertEquals(64, new PlainFrameLayer(64).open(ByteBuffer.wrap(bytes(64))).payload().length);
    }
}

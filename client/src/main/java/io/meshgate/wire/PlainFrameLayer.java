package io.meshgate.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames that are the payload itself, refused over a size limit. Used on trusted links and until
 * the secure channel replaces it; holds no state, so one instance may serve every session.
 */
public final class PlainFrameLayer implements FrameLayer {

    /** Default largest frame: 64 KiB. */
    public static final int DEFAULT_MAX_FRAME = 64 * 1024;

    private final int maxFrameBytes;

    public PlainFrameLayer(int maxFrameBytes) {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 64");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public List<ByteBuffer> start() {
        return List.of();
    }

    @Override
    public Inbound open(ByteBuffer frame) {
        return Inbound.payload(openPayload(frame));
    }

    private byte[] openPayload(ByteBuffer frame) {
        if (frame.remaining() > maxFrameBytes) {
            throw MeshgateException.of(MeshgateException.Kind.FRAME_TOO_LARGE,
                    "frame of " + frame.remaining() + " bytes exceeds the limit of " + maxFrameBytes);
        }
        if (!frame.hasRemaining()) {
            throw MeshgateException.malformedFrame("empty frame");
        }
        byte[] payload = new byte[frame.remaining()];
        frame.get(payload);
        return payload;
    }

    @Override
    public List<ByteBuffer> seal(byte[] payload, boolean compress) {
        return List.of(ByteBuffer.wrap(payload));
    }

    /** Plain frames prove no identity: there is nothing to compare the node with. */
    @Override
    public void verifyNode(String messageKind, String node) {
    }

    @Override
    public boolean established() {
        return true;
    }

    @Override
    public String suite() {
        return "plain";
    }
}

package io.meshgate.crypto;

/**
 * Limits and tuning of sealed frames, with safe defaults.
 *
 * @param maxFrameBytes        largest sealed frame accepted (default 64 KiB)
 * @param maxPayloadBytes      largest payload after decompression (default 1 MiB)
 * @param compressionThreshold payloads shorter than this are not compressed (default 256)
 * @param brotliQuality        Brotli quality 0–11 (default 1: at 1 KiB it seals in about 7 µs where
 *                             quality 4 takes 18; see docs/BENCHMARKS.md)
 * @param maxFramesPerKey      frames one key may seal before the session must rekey (default 2^24)
 */
public record FrameLimits(int maxFrameBytes, int maxPayloadBytes, int compressionThreshold, int brotliQuality,
                          long maxFramesPerKey) {

    public FrameLimits {
        if (maxFrameBytes < SealedFrame.OVERHEAD + 1) {
            throw new IllegalArgumentException("maxFrameBytes must be more than the frame overhead");
        }
        if (maxPayloadBytes < 1 || compressionThreshold < 0 || brotliQuality < 0 || brotliQuality > 11
                || maxFramesPerKey < 1 || maxFramesPerKey > (1L << 24)) {
            throw new IllegalArgumentException("frame limits out of range");
        }
    }

    /** The defaults. */
    public static FrameLimits defaults() {
        return new FrameLimits(64 * 1024, 1024 * 1024, 256, 1, 1L << 24);
    }

    public FrameLimits withMaxFrameBytes(int n) {
        return new FrameLimits(n, maxPayloadBytes, compressionThreshold, brotliQuality, maxFramesPerKey);
    }

    public FrameLimits withMaxFramesPerKey(long n) {
        return new FrameLimits(maxFrameBytes, maxPayloadBytes, compressionThreshold, brotliQuality, n);
    }

    public FrameLimits withBrotliQuality(int q) {
        return new FrameLimits(maxFrameBytes, maxPayloadBytes, compressionThreshold, q, maxFramesPerKey);
    }
}

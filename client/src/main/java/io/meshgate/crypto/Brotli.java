package io.meshgate.crypto;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Brotli through brotli4j's native library; decompression stops at a hard cap. Thread-safe.
 * Decompression drives brotli4j's native decoder directly (no stream, no Java-side buffers but the
 * output), as {@code Decoder.decompress} does, checking the cap on each chunk it pulls.
 */
public final class Brotli {

    static {
        Brotli4jLoader.ensureAvailability();
    }

    /** Encoder parameters per quality 0–11, made once (they are not changed after). */
    private static final Encoder.Parameters[] QUALITY = new Encoder.Parameters[12];

    static {
        for (int q = 0; q < QUALITY.length; q++) {
            QUALITY[q] = new Encoder.Parameters().setQuality(q);
        }
    }

    private Brotli() {
    }

    /** The data compressed at a quality 0–11. */
    public static byte[] compress(byte[] data, int quality) {
        try {
            return Encoder.compress(data, QUALITY[quality]);
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "Brotli compression failed", e);
        }
    }

    /**
     * The data decompressed, or TOO_LARGE as soon as the output would exceed {@code maxBytes}
     * (a small frame cannot expand into a large allocation), or MALFORMED.
     */
    public static byte[] decompress(byte[] data, int maxBytes) {
        if (data.length == 0) {
            throw malformed(null);
        }
        DecoderJNI.Wrapper decoder;
        try {
            decoder = new DecoderJNI.Wrapper(data.length);
        } catch (IOException e) {
            throw malformed(e);
        }
        try {
            decoder.getInputBuffer().put(data);
            decoder.push(data.length);
            byte[] out = new byte[Math.min(maxBytes, data.length * 4 + 64)];
            int size = 0;
            boolean pushedAgain = false;
            while (true) {
                switch (decoder.getStatus()) {
                    case DONE -> {
                        return size == out.length ? out : Arrays.copyOf(out, size);
                    }
                    case OK -> decoder.push(0);
                    case NEEDS_MORE_OUTPUT -> {
                        ByteBuffer chunk = decoder.pull();
                        int n = chunk.remaining();
                        if (size + n > maxBytes) {
                            throw new CryptoException(CryptoException.Reason.TOO_LARGE,
                                    "decompressed payload exceeds " + maxBytes + " bytes");
                        }
                        if (size + n > out.length) {
                            out = Arrays.copyOf(out, (int) Math.min(maxBytes, Math.max(size + n, 2L * out.length)));
                        }
                        chunk.get(out, size, n);
                        size += n;
                    }
                    case NEEDS_MORE_INPUT -> {
                        // all the input is in: one more push lets the decoder finish what it holds
                        if (pushedAgain) {
                            throw malformed(null);
                        }
                        pushedAgain = true;
                        decoder.push(0);
                    }
                    default -> throw malformed(null);
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof CryptoException c) {
                throw c;
            }
            throw malformed(e);
        } finally {
            decoder.destroy();
        }
    }

    private static CryptoException malformed(Exception cause) {
        return cause == null
                ? new CryptoException(CryptoException.Reason.MALFORMED, "not a valid Brotli stream")
                : new CryptoException(CryptoException.Reason.MALFORMED, "not a valid Brotli stream", cause);
    }
}

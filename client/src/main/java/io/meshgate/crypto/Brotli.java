package io.meshgate.crypto;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Brotli through brotli4j's native library; decompression stops at a hard cap. Thread-safe. */
public final class Brotli {

    static {
        Brotli4jLoader.ensureAvailability();
    }

    private Brotli() {
    }

    /** The data compressed at a quality 0–11. */
    public static byte[] compress(byte[] data, int quality) {
        try {
            return Encoder.compress(data, new Encoder.Parameters().setQuality(quality));
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "Brotli compression failed", e);
        }
    }

    /**
     * The data decompressed, or TOO_LARGE as soon as the output would exceed {@code maxBytes}
     * (a small frame cannot expand into a large allocation), or MALFORMED.
     */
    public static byte[] decompress(byte[] data, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, data.length * 4 + 64));
        byte[] buf = new byte[8192];
        try (BrotliInputStream in = new BrotliInputStream(new ByteArrayInputStream(data))) {
            for (int n; (n = in.read(buf)) != -1; ) {
                if (out.size() + n > maxBytes) {
                    throw new CryptoException(CryptoException.Reason.TOO_LARGE,
                            "decompressed payload exceeds " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CryptoException c) {
                throw c;
            }
            throw new CryptoException(CryptoException.Reason.MALFORMED, "not a valid Brotli stream", e);
        }
        return out.toByteArray();
    }
}

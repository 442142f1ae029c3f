package io.meshgate.bench;

import io.meshgate.crypto.Brotli;
import io.meshgate.crypto.HmacSha256;
import io.meshgate.crypto.SecretKeyBytes;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parts of a sealed frame alone, on the same payloads: Brotli compression (qualities 1 and 4)
 * and decompression, AES-256-GCM with a reused cipher (as the sealer does), HMAC-SHA256.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FramePartsBench {

    @Param({"100", "1024", "10240"})
    int size;

    private byte[] payload;
    private SecretKeySpec aesKey;
    private HmacSha256 mac;
    private long counter;
    private Cipher cipher;
    private byte[] compressed;

    @Setup
    public void setUp() {
        payload = Payloads.json(size);
        aesKey = new SecretKeySpec(new byte[32], "AES");
        mac = new HmacSha256(SecretKeyBytes.copyOf(new byte[32]));
        compressed = Brotli.compress(payload, 1);
        try {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public byte[] brotliQuality1() {
        return Brotli.compress(payload, 1);
    }

    @Benchmark
    public byte[] brotliQuality4() {
        return Brotli.compress(payload, 4);
    }

    @Benchmark
    public byte[] brotliDecompress() {
        return Brotli.decompress(compressed, 1024 * 1024);
    }

    @Benchmark
    public byte[] aesGcmEncrypt() throws Exception {
        Cipher c = cipher;
        byte[] nonce = new byte[12];
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
        c.updateAAD(new byte[11]);
        return c.doFinal(payload);
    }

    @Benchmark
    public byte[] hmacSha256() {
        return mac.tag(payload);
    }
}

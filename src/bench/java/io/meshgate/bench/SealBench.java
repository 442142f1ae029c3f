package io.meshgate.bench;

import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.SealedFrame;
import io.meshgate.crypto.SessionKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing and opening one frame of a JSON payload (100 B, 1 KiB, 10 KiB) at Brotli qualities
 * (0 = compression off). Opening needs frames in sequence: each iteration opens frames one sealer
 * made for it, starting a new opener every 20,000 frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealBench {

    @Param({"100", "1024", "10240"})
    int size;

    @Param({"0", "1", "4", "6"})
    int quality;

    private static final int FRAMES = 20_000;
    private byte[] payload;
    private SessionKeys keys;
    private SealedFrame.Sealer sealer;
    private SealedFrame.Opener opener;
    private byte[][] sealed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        payload = json(size);
        keys = SessionKeys.derive(new byte[32], new byte[32], 0);
        FrameLimits limits = FrameLimits.defaults().withBrotliQuality(Math.max(1, quality));
        sealer = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, keys.clientToServer(), limits);
    }

    @Setup(Level.Iteration)
    public void sealFramesToOpen() {
        FrameLimits limits = FrameLimits.defaults().withBrotliQuality(Math.max(1, quality));
        SealedFrame.Sealer s = new SealedFrame.Sealer(FrameDirection.SERVER_TO_CLIENT, keys.serverToClient(), limits);
        opener = new SealedFrame.Opener(FrameDirection.SERVER_TO_CLIENT, keys.serverToClient(), limits);
        sealed = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            sealed[i] = s.seal((byte) 1, payload, quality > 0);
        }
        next = 0;
        sealer = new SealedFrame.Sealer(FrameDirection.CLIENT_TO_SERVER, keys.clientToServer(), limits);
    }

    @Benchmark
    public byte[] seal() {
        return sealer.seal((byte) 1, payload, quality > 0);
    }

    @Benchmark
    public SealedFrame.Opened open() {
        if (next == FRAMES) {
            next = 0;
            opener = new SealedFrame.Opener(FrameDirection.SERVER_TO_CLIENT, keys.serverToClient(), limits());
        }
        return opener.open(sealed[next++]);
    }

    private FrameLimits limits() {
        return FrameLimits.defaults().withBrotliQuality(Math.max(1, quality));
    }

    static byte[] json(int size) {
        return Payloads.json(size);
    }

}

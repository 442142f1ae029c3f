package io.meshgate.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The sealed frame, byte by byte:
 *
 * <pre>
 * version (1) | kind (1) | flags (1) | sequence (8, big-endian) | ciphertext | GCM tag (16) | HMAC (32)
 * </pre>
 *
 * The 11-byte header is the GCM associated data. The GCM nonce is never sent: it is the sender's
 * {@link FrameDirection} code (4 bytes, big-endian) followed by the sequence number (8 bytes).
 * The HMAC-SHA256 covers header || nonce || ciphertext || tag. Flag bit 0 says the payload was
 * Brotli-compressed before encryption. The kind is {@link #DATA} or {@link #REKEY}.
 *
 * <p>{@link Sealer} and {@link Opener} each belong to one direction of one session and are used by
 * one thread at a time. Sequence numbers start at 0 and must arrive exactly in order.
 */
public final class SealedFrame {

    /** Protocol version in the first byte. */
    public static final byte VERSION = 1;
    /** version + kind + flags + sequence. */
    public static final int HEADER_LENGTH = 11;
    /** Bytes a frame adds to its (possibly compressed) payload. */
    public static final int OVERHEAD = HEADER_LENGTH + AesGcm.TAG_LENGTH + HmacSha256.TAG_LENGTH;
    /** Flag: the payload is Brotli-compressed. */
    public static final byte FLAG_COMPRESSED = 0x01;
    /** Kind of a frame whose payload is a message. */
    public static final byte DATA = 0x01;
    /** Kind of a frame (empty payload) after which its sender seals with the next key generation. */
    public static final byte REKEY = 0x02;

    private SealedFrame() {
    }

    /** An opened frame: its kind and payload. */
    public record Opened(byte kind, byte[] payload) {
        public Opened {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** What both ends of one direction hold: its code and its keyed AES-GCM and HMAC. Never printed. */
    private record Keyed(FrameDirection direction, AesGcm encryption, HmacSha256 mac) {
        static Keyed of(FrameDirection direction, DirectionKeys keys) {
            return new Keyed(Objects.requireNonNull(direction, "direction"), new AesGcm(keys.encryption()),
                    new HmacSha256(keys.mac()));
        }

        @Override
        public String toString() {
            return "Keyed[" + direction + "]";
        }
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static byte[] nonce(FrameDirection direction, long sequence) {
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        INT.set(nonce, 0, direction.code());
        return withSequence(nonce, sequence);
    }

    /** Sets the sequence number into a nonce that {@link #nonce} made for the direction. */
    private static byte[] withSequence(byte[] nonce, long sequence) {
        LONG.set(nonce, 4, sequence);
        return nonce;
    }

    /** Whether {@code a} equals the {@code a.length} bytes of {@code b} at {@code off}, in time independent of where they differ. */
    private static boolean equalInConstantTime(byte[] a, byte[] b, int off) {
        int diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff |= a[i] ^ b[off + i];
        }
        return diff == 0;
    }

    private static void writeHeader(byte[] frame, byte kind, byte flags, long sequence) {
        frame[0] = VERSION;
        frame[1] = kind;
        frame[2] = flags;
        LONG.set(frame, 3, sequence);
    }

    /** The HMAC over header || nonce || ciphertext || tag of the frame at {@code off}, written into {@code out} at {@code outOff}. */
    private static void frameMac(HmacSha256 mac, byte[] frame, int off, int macAt, byte[] nonce, byte[] out, int outOff) {
        mac.update(frame, off, HEADER_LENGTH);
        mac.update(nonce, 0, nonce.length);
        mac.update(frame, off + HEADER_LENGTH, macAt - off - HEADER_LENGTH);
        mac.finish(out, outOff);
    }

    /** Seals the frames of one direction. Not thread-safe. */
    public static final class Sealer {
        private final Keyed keyed;
        private final FrameLimits limits;
        private final byte[] nonce;
        private long next;

        public Sealer(FrameDirection direction, DirectionKeys keys, FrameLimits limits) {
            this.keyed = Keyed.of(direction, keys);
            this.limits = Objects.requireNonNull(limits, "limits");
            this.nonce = nonce(direction, 0);
        }

        /**
         * Seals a payload as the next frame. Payloads of at least the compression threshold are
         * Brotli-compressed when {@code compress} is true and it makes them smaller.
         *
         * @throws CryptoException KEY_EXHAUSTED when this key has sealed its last frame,
         *     TOO_LARGE when the frame would exceed the frame limit
         */
        public byte[] seal(byte kind, byte[] payload, boolean compress) {
            if (next >= limits.maxFramesPerKey()) {
                throw new CryptoException(CryptoException.Reason.KEY_EXHAUSTED,
                        "key has sealed " + next + " frames; rekey first");
            }
            byte flags = 0;
            byte[] body = payload;
            if (compress && payload.length >= limits.compressionThreshold()) {
                byte[] packed = Brotli.compress(payload, limits.brotliQuality());
                if (packed.length < payload.length) {
                    body = packed;
                    flags = FLAG_COMPRESSED;
                }
            }
            if (body.length + OVERHEAD > limits.maxFrameBytes()) {
                throw new CryptoException(CryptoException.Reason.TOO_LARGE,
                        "sealed frame would be " + (body.length + OVERHEAD) + " bytes, over " + limits.maxFrameBytes());
            }
            long seq = next++;
            byte[] frame = new byte[body.length + OVERHEAD];
            writeHeader(frame, kind, flags, seq);
            withSequence(nonce, seq);
            keyed.encryption().seal(nonce, frame, 0, HEADER_LENGTH, body, frame, HEADER_LENGTH);
            int macAt = frame.length - HmacSha256.TAG_LENGTH;
            frameMac(keyed.mac(), frame, 0, macAt, nonce, frame, macAt);
            return frame;
        }

        /** Frames sealed with this key so far. */
        public long sealed() {
            return next;
        }

        /** Whether the session should rekey now: within 1/16 of the key's frame limit. */
        public boolean needsRekey() {
            return next >= limits.maxFramesPerKey() - limits.maxFramesPerKey() / 16;
        }
    }

    /** Opens the frames of one direction, in order. Not thread-safe. */
    public static final class Opener {
        private final Keyed keyed;
        private final FrameLimits limits;
        private final byte[] nonce;
        private final byte[] expectedTag = new byte[HmacSha256.TAG_LENGTH];
        private long expected;

        public Opener(FrameDirection direction, DirectionKeys keys, FrameLimits limits) {
            this.keyed = Keyed.of(direction, keys);
            this.limits = Objects.requireNonNull(limits, "limits");
            this.nonce = nonce(direction, 0);
        }

        /**
         * Opens the next frame: checks its size, length and version (what reading it needs),
         * verifies the HMAC in constant time before anything else is looked at, checks that its
         * sequence number is exactly the next one and that its flags and kind are known, decrypts,
         * and decompresses under the payload limit. A frame whose flags or kind were tampered with
         * thus fails the HMAC (BAD_MAC); an authentic one with unknown flags or kind is MALFORMED.
         *
         * @throws CryptoException MALFORMED, TOO_LARGE, BAD_MAC or BAD_SEQUENCE; the opener's
         *     state is unchanged, but the session must be closed
         */
        public Opened open(byte[] frame) {
            return open(frame, 0, frame.length);
        }

        /** {@link #open(byte[])} of the {@code len} bytes of {@code buf} at {@code off} (a frame inside a larger buffer). */
        public Opened open(byte[] buf, int off, int len) {
            Objects.checkFromIndexSize(off, len, buf.length);
            if (len > limits.maxFrameBytes()) {
                throw new CryptoException(CryptoException.Reason.TOO_LARGE,
                        "frame of " + len + " bytes exceeds " + limits.maxFrameBytes());
            }
            if (len < OVERHEAD) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "frame shorter than " + OVERHEAD + " bytes");
            }
            if (buf[off] != VERSION) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "unknown frame version " + buf[off]);
            }
            long seq = (long) LONG.get(buf, off + 3);
            withSequence(nonce, seq);
            int macAt = off + len - HmacSha256.TAG_LENGTH;
            frameMac(keyed.mac(), buf, off, macAt, nonce, expectedTag, 0);
            if (!equalInConstantTime(expectedTag, buf, macAt)) {
                throw new CryptoException(CryptoException.Reason.BAD_MAC, "frame HMAC does not verify");
            }
            if (seq != expected) {
                throw new CryptoException(CryptoException.Reason.BAD_SEQUENCE,
                        "frame sequence " + seq + " where " + expected + " was expected");
            }
            byte flags = buf[off + 2];
            if ((flags & ~FLAG_COMPRESSED) != 0) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "unknown frame flags " + flags);
            }
            byte kind = buf[off + 1];
            if (kind != DATA && kind != REKEY) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "unknown frame kind " + kind);
            }
            byte[] body = keyed.encryption().open(nonce, buf, off, HEADER_LENGTH, buf, off + HEADER_LENGTH,
                    macAt - off - HEADER_LENGTH);
            byte[] payload = (flags & FLAG_COMPRESSED) != 0 ? Brotli.decompress(body, limits.maxPayloadBytes()) : body;
            if (payload.length > limits.maxPayloadBytes()) {
                throw new CryptoException(CryptoException.Reason.TOO_LARGE, "payload exceeds " + limits.maxPayloadBytes());
            }
            expected++;
            return new Opened(kind, payload);
        }

        /** The sequence number the next frame must carry. */
        public long expected() {
            return expected;
        }
    }
}

package io.meshgate.wire;

import io.meshgate.crypto.CryptoException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The handshake messages, byte by byte: {@code version (1) | kind (1) | field*}, each field
 * {@code length (2, big-endian) | bytes}. Handshake messages are not sealed; they are bound
 * together by the transcript hash that both signatures and the key derivation cover.
 *
 * <ul>
 *   <li>{@code CLIENT_HELLO} (0x10): random (32) | ephemeral P-256 point (65) | certificate DER (leaf first) ...</li>
 *   <li>{@code SERVER_HELLO} (0x11): session id (16) | random (32) | ephemeral point (65) | certificate DER ... |
 *       signature (64, always the last field)</li>
 *   <li>{@code CLIENT_FINISH} (0x12): signature (64) | confirmation (32)</li>
 *   <li>{@code SERVER_FINISH} (0x13): confirmation (32)</li>
 * </ul>
 */
public record HandshakeMessage(byte kind, List<byte[]> fields) {

    /** Kind of a sealed data frame (see {@link io.meshgate.crypto.SealedFrame}). */
    public static final byte DATA = io.meshgate.crypto.SealedFrame.DATA;
    /** Kind of a sealed frame announcing that its sender switches to the next key generation. */
    public static final byte REKEY = io.meshgate.crypto.SealedFrame.REKEY;
    public static final byte CLIENT_HELLO = 0x10;
    public static final byte SERVER_HELLO = 0x11;
    public static final byte CLIENT_FINISH = 0x12;
    public static final byte SERVER_FINISH = 0x13;
    /** Largest handshake message accepted. */
    public static final int MAX_LENGTH = 16 * 1024;
    /** Most certificates in a chain. */
    public static final int MAX_CHAIN = 4;

    public HandshakeMessage {
        fields = List.copyOf(fields);
    }

    /** The message's bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(io.meshgate.crypto.SealedFrame.VERSION);
        out.write(kind);
        for (byte[] f : fields) {
            if (f.length > 0xFFFF) {
                throw new IllegalArgumentException("handshake field too long");
            }
            out.write(f.length >>> 8);
            out.write(f.length & 0xFF);
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    /**
     * The message in a frame whose kind must be {@code expectedKind}, with at least
     * {@code minFields} fields.
     *
     * @throws CryptoException MALFORMED for anything else
     */
    public static HandshakeMessage decode(byte[] frame, byte expectedKind, int minFields) {
        if (frame.length < 2 || frame.length > MAX_LENGTH) {
            throw malformed("handshake message of " + frame.length + " bytes");
        }
        if (frame[0] != io.meshgate.crypto.SealedFrame.VERSION) {
            throw malformed("unknown protocol version " + frame[0]);
        }
        if (frame[1] != expectedKind) {
            throw malformed(String.format("expected message kind 0x%02x, got 0x%02x", expectedKind, frame[1]));
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 2, frame.length - 2);
        List<byte[]> fields = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 2) {
                throw malformed("truncated field length");
            }
            int len = Short.toUnsignedInt(b.getShort());
            if (len > b.remaining()) {
                throw malformed("field longer than the message");
            }
            byte[] f = new byte[len];
            b.get(f);
            fields.add(f);
        }
        if (fields.size() < minFields) {
            throw malformed("handshake message has " + fields.size() + " fields, needs " + minFields);
        }
        return new HandshakeMessage(frame[1], fields);
    }

    /** A field that must have an exact length. */
    public byte[] field(int index, int length, String name) {
        byte[] f = fields.get(index);
        if (f.length != length) {
            throw malformed(name + " must be " + length + " bytes, not " + f.length);
        }
        return f;
    }

    private static CryptoException malformed(String message) {
        return new CryptoException(CryptoException.Reason.MALFORMED, message);
    }
}

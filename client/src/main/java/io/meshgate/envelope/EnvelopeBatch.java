package io.meshgate.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several envelopes in one message body: a length-prefixed list of CloudEvents in the binary
 * mode of {@link JmsBinding}, each with its properties (without the {@code cloudEvents_} prefix)
 * followed by its data. A node sends one such body instead of several messages when envelopes for
 * the same destination wait while its previous send is in flight (PROTOCOL.md §7).
 *
 * <pre>
 * batch    = magic "MB" (2 bytes), version 1 (1 byte), count (u16), event × count
 * event    = length of the rest of the event (u32), property count (u8), property × count,
 *            data length (u32), data
 * property = name length (u8), name (ASCII), tag (1 byte), value
 * value    = 's': length (u16) + UTF-8 | 'i': int32 | 'b': 0 or 1 | 'l': int64 (epoch ms of a Timestamp)
 * </pre>
 *
 * <p>All numbers are big-endian. Stateless and thread-safe.
 */
public final class EnvelopeBatch {

    /** The most envelopes one batch may hold. */
    public static final int MAX_COUNT = 1024;
    private static final byte[] MAGIC = {'M', 'B'};
    private static final byte VERSION = 1;

    private EnvelopeBatch() {
    }

    /** The body holding {@code envelopes}, in their order. */
    public static byte[] encode(List<Envelope> envelopes) {
        if (envelopes.isEmpty() || envelopes.size() > MAX_COUNT) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_COUNT + " envelopes, not " + envelopes.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * envelopes.size());
        out.writeBytes(MAGIC);
        out.write(VERSION);
        writeShort(out, envelopes.size());
        for (Envelope e : envelopes) {
            byte[] event = event(e);
            writeInt(out, event.length);
            out.writeBytes(event);
        }
        return out.toByteArray();
    }

    /**
     * The envelopes of a batch body.
     *
     * @throws EnvelopeException when the body is not a batch of this version, is cut short, has
     *     bytes left over, or holds an envelope that is not valid
     */
    public static List<Envelope> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            if (in.get() != MAGIC[0] || in.get() != MAGIC[1]) {
                throw new EnvelopeException("not an envelope batch");
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new EnvelopeException("unsupported envelope batch version " + version);
            }
            int count = Short.toUnsignedInt(in.getShort());
            if (count == 0 || count > MAX_COUNT) {
                throw new EnvelopeException("an envelope batch holds 1 to " + MAX_COUNT + " envelopes, not " + count);
            }
            List<Envelope> envelopes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new EnvelopeException("envelope " + i + " of the batch is cut short");
                }
                ByteBuffer event = in.slice(in.position(), length);
                in.position(in.position() + length);
                envelopes.add(readEvent(event, i));
            }
            if (in.hasRemaining()) {
                throw new EnvelopeException(in.remaining() + " bytes after the last envelope of the batch");
            }
            return envelopes;
        } catch (BufferUnderflowException e) {
            throw new EnvelopeException("envelope batch cut short");
        }
    }

    private static byte[] event(Envelope e) {
        Map<String, Object> properties = JmsBinding.toProperties(e);
        if (properties.size() > 255) {
            throw new IllegalArgumentException("an envelope in a batch has at most 255 attributes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + e.dataLength());
        out.write(properties.size());
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            byte[] name = p.getKey().substring(JmsBinding.PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
            out.write(name.length);
            out.writeBytes(name);
            writeValue(out, p.getValue());
        }
        writeInt(out, e.dataLength());
        out.writeBytes(e.data());
        return out.toByteArray();
    }

    private static void writeValue(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("an attribute in a batch is at most 65,535 bytes");
            }
            out.write('s');
            writeShort(out, b.length);
            out.writeBytes(b);
        } else if (value instanceof Integer i) {
            out.write('i');
            writeInt(out, i);
        } else if (value instanceof Boolean b) {
            out.write('b');
            out.write(b ? 1 : 0);
        } else if (value instanceof Long l) {
            out.write('l');
            writeInt(out, (int) (l >>> 32));
            writeInt(out, (int) (long) l);
        } else {
            throw new IllegalArgumentException("attribute of type " + value.getClass().getSimpleName());
        }
    }

    private static Envelope readEvent(ByteBuffer in, int index) {
        try {
            int count = Byte.toUnsignedInt(in.get());
            Map<String, Object> properties = new LinkedHashMap<>(count * 2);
            for (int p = 0; p < count; p++) {
                byte[] name = new byte[Byte.toUnsignedInt(in.get())];
                in.get(name);
                properties.put(JmsBinding.PREFIX + new String(name, StandardCharsets.US_ASCII), readValue(in, index));
            }
            int dataLength = in.getInt();
            if (dataLength != in.remaining()) {
                throw new EnvelopeException("envelope " + index + " of the batch: data length " + dataLength
                        + " does not match the " + in.remaining() + " bytes left");
            }
            byte[] data = new byte[dataLength];
            in.get(data);
            return JmsBinding.fromProperties(properties, data);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new EnvelopeException("envelope " + index + " of the batch is cut short");
        }
    }

    private static Object readValue(ByteBuffer in, int index) {
        byte tag = in.get();
        return switch (tag) {
            case 's' -> {
                byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(b);
                yield new String(b, StandardCharsets.UTF_8);
            }
            case 'i' -> in.getInt();
            case 'b' -> in.get() != 0;
            case 'l' -> in.getLong();
            default -> throw new EnvelopeException("envelope " + index + " of the batch: unknown attribute tag " + tag);
        };
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}

package io.meshgate.launcher;

import io.meshgate.wire.FrameLayer;
import io.meshgate.wire.MessageCodec;
import io.meshgate.wire.WireMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket session opened on a plain blocking socket, for capacity runs that hold tens of
 * thousands of idle sessions: no threads or buffers per session once it is open, and a chosen
 * source address (past about 28,000 connections one 127.0.0.x address runs out of ports). Opens
 * TLS 1.3 with the client certificate for {@code wss://}, upgrades to WebSocket, runs the frame
 * layer's handshake and waits for the gateway's hello; then the session stays open and idle until
 * {@link #close}. One thread opens a session; nothing reads from it afterwards.
 */
final class RawSession implements AutoCloseable {

    private static final int TIMEOUT_MS = 30_000;
    private static final int MAX_FRAME = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;

    private RawSession(Socket socket) {
        this.socket = socket;
    }

    /**
     * Opens one session.
     *
     * @param tls    the TLS context for {@code wss://}, or null for {@code ws://}
     * @param source the local address to connect from
     * @param frames a fresh frame layer for this session
     * @throws IOException when the connection, the upgrade or the handshake fails
     */
    static RawSession open(URI uri, SSLContext tls, InetAddress source, FrameLayer frames) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        Socket s = (secure ? tls.getSocketFactory() : SocketFactory.getDefault()).createSocket();
        try {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.setTcpNoDelay(true);
            if (s instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(new String[] {"TLSv1.3"});
                ssl.startHandshake();
            }
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            upgrade(uri, in, out);
            handshake(frames, new DataInputStream(in), out);
            s.setSoTimeout(0);
            return new RawSession(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void upgrade(URI uri, InputStream in, OutputStream out) throws IOException {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (head.size() > 16_384) {
                throw new IOException("upgrade response too long");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void handshake(FrameLayer frames, DataInputStream in, OutputStream out) throws IOException {
        MessageCodec codec = new MessageCodec();
        write(out, frames.start());
        while (true) {
            FrameLayer.Inbound inbound = frames.open(ByteBuffer.wrap(readMessage(in, out)));
            write(out, inbound.replies());
            if (inbound.payload() != null) {
                if (codec.decode(inbound.payload()) instanceof WireMessage.Hello) {
                    return;
                }
                throw new IOException("expected the gateway's hello first");
            }
        }
    }

    private static void write(OutputStream out, List<ByteBuffer> messages) throws IOException {
        for (ByteBuffer m : messages) {
            byte[] payload = new byte[m.remaining()];
            m.get(payload);
            writeFrame(out, 0x2, payload);
        }
        out.flush();
    }

    /** A masked client frame (RFC 6455 section 5.2), FIN set. */
    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        f.writeTo(out);
    }

    /** The next whole data message; answers pings, refuses a close or an oversize message. */
    private static byte[] readMessage(DataInputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            if ((b1 & 0x80) != 0 || len < 0 || message.size() + len > MAX_FRAME) {
                throw new IOException("unacceptable frame from the server");
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            int opcode = b0 & 0x0F;
            if (opcode == 0x8) {
                throw new IOException("server closed the session: " + closeReason(payload));
            } else if (opcode == 0x9) {
                writeFrame(out, 0xA, payload);
                out.flush();
            } else if (opcode < 0x8) {
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    return message.toByteArray();
                }
            }
        }
    }

    private static String closeReason(byte[] payload) {
        if (payload.length < 2) {
            return "no code";
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // the session is gone either way
        }
    }
}

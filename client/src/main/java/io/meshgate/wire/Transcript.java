package io.meshgate.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The handshake transcript's hashes and what the two signatures sign (PROTOCOL §2.1): each side's
 * ASCII label followed by a 32-byte hash, {@code H(CH || SH°)} for the node and {@code H(CH || SH)}
 * for the client. Thread-safe.
 */
final class Transcript {

    private static final byte[] SERVER_SIGNATURE = ascii("meshgate/1 server signature");
    private static final byte[] CLIENT_SIGNATURE = ascii("meshgate/1 client signature");

    private Transcript() {
    }

    /** SHA-256 of the messages' bytes, one after the other. */
    static byte[] hash(byte[]... messages) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] m : messages) {
                d.update(m);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** What the node signs: its label and {@code H(CH || SH°)}, SH° being SH without its signature field. */
    static byte[] serverSigned(byte[] clientHello, byte[] serverHelloWithoutSignature) {
        return labelled(SERVER_SIGNATURE, hash(clientHello, serverHelloWithoutSignature));
    }

    /** What the client signs: its label and {@code H(CH || SH)}. */
    static byte[] clientSigned(byte[] clientHello, byte[] serverHello) {
        return labelled(CLIENT_SIGNATURE, hash(clientHello, serverHello));
    }

    /** A label's ASCII bytes. */
    static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] labelled(byte[] label, byte[] hash) {
        byte[] out = Arrays.copyOf(label, label.length + hash.length);
        System.arraycopy(hash, 0, out, label.length, hash.length);
        return out;
    }
}

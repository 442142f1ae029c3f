package io.meshgate.wire;

import io.meshgate.crypto.DirectionKeys;
import io.meshgate.crypto.Ecdh;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.HmacSha256;
import io.meshgate.crypto.Hkdf;
import io.meshgate.crypto.SecretKeyBytes;
import io.meshgate.crypto.SessionKeys;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Every key of one session (PROTOCOL §2.1 step 4): from the ECDH shared secret of the two
 * ephemeral keys, salted with {@code H(CH || SH)}, HKDF-SHA256 derives the two confirmation keys
 * of the finish messages ({@code "meshgate/1 c2s confirm"}, {@code "meshgate/1 s2c confirm"}) and
 * each direction's keys of every key generation ({@link SessionKeys}: generation 0 for the
 * handshake's keys, {@code g} after the sender's {@code g}th rekey, same secret and salt).
 * Confirmations are checked in constant time; the confirmation keys are destroyed when the
 * handshake ends. Neither the secret nor a key ever prints.
 *
 * <p>Belongs to one session: its handshake role until the handshake ends, then its
 * {@link SessionFrames}.
 */
final class KeySchedule {

    private static final int CONFIRMATION_KEY_LENGTH = 32;

    private final byte[] secret;
    private final byte[] salt;
    private final SecretKeyBytes clientConfirmation;
    private final SecretKeyBytes serverConfirmation;

    private KeySchedule(byte[] secret, byte[] salt) {
        this.secret = secret;
        this.salt = salt.clone();
        this.clientConfirmation = derived("meshgate/1 c2s confirm");
        this.serverConfirmation = derived("meshgate/1 s2c confirm");
    }

    /**
     * The schedule of the secret that this side's ephemeral private key agrees with the peer's
     * ephemeral public key, salted with the transcript hash {@code H(CH || SH)}.
     *
     * @throws io.meshgate.crypto.CryptoException INVALID_KEY when the agreement fails
     */
    static KeySchedule agree(PrivateKey ownEphemeral, ECPublicKey peerEphemeral, byte[] transcriptHash) {
        return new KeySchedule(Ecdh.sharedSecret(ownEphemeral, peerEphemeral), transcriptHash);
    }

    /** The confirmation that the finish message sent in {@code direction} carries over this transcript hash. */
    byte[] confirmation(FrameDirection direction, byte[] transcriptHash) {
        return HmacSha256.tag(confirmationKey(direction), transcriptHash);
    }

    /** Whether the finish message sent in {@code direction} confirms this transcript hash, compared in constant time. */
    boolean confirms(FrameDirection direction, byte[] confirmation, byte[] transcriptHash) {
        return HmacSha256.verify(confirmationKey(direction), confirmation, transcriptHash);
    }

    /** Destroys the confirmation keys: the handshake has ended. */
    void endHandshake() {
        clientConfirmation.destroy();
        serverConfirmation.destroy();
    }

    /** The keys that seal {@code direction}'s frames in key generation {@code generation}. */
    DirectionKeys keys(FrameDirection direction, int generation) {
        return SessionKeys.derive(secret, salt, generation).sending(direction);
    }

    @Override
    public String toString() {
        return "KeySchedule[hidden]";
    }

    private SecretKeyBytes confirmationKey(FrameDirection direction) {
        return direction == FrameDirection.CLIENT_TO_SERVER ? clientConfirmation : serverConfirmation;
    }

    private SecretKeyBytes derived(String label) {
        byte[] key = Hkdf.sha256(secret, salt, Transcript.ascii(label), CONFIRMATION_KEY_LENGTH);
        try {
            return SecretKeyBytes.copyOf(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}

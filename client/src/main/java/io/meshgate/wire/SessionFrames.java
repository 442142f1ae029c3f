package io.meshgate.wire;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.FrameDirection;
import io.meshgate.crypto.FrameLimits;
import io.meshgate.crypto.SealedFrame;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sealed frames of a session whose handshake has ended (PROTOCOL §2.2, §2.3): each direction
 * at its own key generation from the {@link KeySchedule}. The sender rekeys before its key has
 * sealed its frame limit ({@link SealedFrame.Sealer#needsRekey}) or after {@code rekeyAfter}: it
 * seals a REKEY frame with the old key and every later frame with the next generation's, sequence
 * numbers starting again at 0; the receiver moves to the next generation when it opens a REKEY
 * frame. Refusals are {@link MeshgateException}s: TOO_LARGE is FRAME_TOO_LARGE, MALFORMED is
 * MALFORMED_FRAME, any other FRAME_REJECTED.
 *
 * <p>Not thread-safe: {@link #open} runs on the session's reader, {@link #seal} under its send
 * lock; each touches only its own direction.
 */
final class SessionFrames {

    private final KeySchedule keys;
    private final FrameDirection sending;
    private final FrameDirection receiving;
    private final FrameLimits limits;
    private final Duration rekeyAfter;
    private final Clock clock;

    private SealedFrame.Sealer sealer;
    private int sendGeneration;
    private Instant sendKeySince;
    private SealedFrame.Opener opener;
    private int receiveGeneration;

    /** Both directions at key generation 0, this side sealing in {@code sending}. */
    SessionFrames(KeySchedule keys, FrameDirection sending, FrameLimits limits, Duration rekeyAfter, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.sending = Objects.requireNonNull(sending, "sending");
        this.receiving = sending == FrameDirection.CLIENT_TO_SERVER
                ? FrameDirection.SERVER_TO_CLIENT : FrameDirection.CLIENT_TO_SERVER;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rekeyAfter = Objects.requireNonNull(rekeyAfter, "rekeyAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sealer = newSealer();
        this.opener = newOpener();
    }

    /** The frames that carry the payload: a REKEY frame first when a rekey is due. */
    List<ByteBuffer> seal(byte[] payload, boolean compress) {
        List<ByteBuffer> out = new ArrayList<>(2);
        if (sealer.needsRekey() || !clock.instant().isBefore(sendKeySince.plus(rekeyAfter))) {
            out.add(ByteBuffer.wrap(sealer.seal(HandshakeMessage.REKEY, new byte[0], false)));
            sendGeneration++;
            sealer = newSealer();
        }
        try {
            out.add(ByteBuffer.wrap(sealer.seal(HandshakeMessage.DATA, payload, compress)));
        } catch (CryptoException e) {
            throw e.reason() == CryptoException.Reason.TOO_LARGE
                    ? MeshgateException.of(MeshgateException.Kind.FRAME_TOO_LARGE, e.getMessage())
                    : MeshgateException.internal(e.getMessage(), e);
        }
        return out;
    }

    /**
     * The payload of the DATA frame of {@code len} bytes at {@code off} of {@code buf}; none for a
     * REKEY frame, after which the next generation opens.
     */
    FrameLayer.Inbound open(byte[] buf, int off, int len) {
        SealedFrame.Opened opened;
        try {
            opened = opener.open(buf, off, len);
        } catch (CryptoException e) {
            throw switch (e.reason()) {
                case TOO_LARGE -> MeshgateException.of(MeshgateException.Kind.FRAME_TOO_LARGE, e.getMessage());
                case MALFORMED -> MeshgateException.malformedFrame(e.getMessage());
                default -> MeshgateException.of(MeshgateException.Kind.FRAME_REJECTED, e.getMessage());
            };
        }
        if (opened.kind() == HandshakeMessage.REKEY) {
            receiveGeneration++;
            opener = newOpener();
            return new FrameLayer.Inbound(null, List.of(), false);
        }
        return FrameLayer.Inbound.payload(opened.payload());
    }

    /** The key generation this side seals with. */
    int sendGeneration() {
        return sendGeneration;
    }

    private SealedFrame.Sealer newSealer() {
        sendKeySince = clock.instant();
        return new SealedFrame.Sealer(sending, keys.keys(sending, sendGeneration), limits);
    }

    private SealedFrame.Opener newOpener() {
        return new SealedFrame.Opener(receiving, keys.keys(receiving, receiveGeneration), limits);
    }
}

package io.meshgate.crypto;

/**
 * Which way a frame travels. Its code is the first four bytes of every GCM nonce, so the two
 * directions never share a nonce even if their keys were equal.
 */
public enum FrameDirection {
    CLIENT_TO_SERVER(1),
    SERVER_TO_CLIENT(2);

    private final int code;

    FrameDirection(int code) {
        this.code = code;
    }

    /** The nonce prefix of this direction. */
    public int code() {
        return code;
    }
}

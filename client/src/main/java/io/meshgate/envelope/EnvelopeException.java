package io.meshgate.envelope;

/**
 * An envelope that breaks the CloudEvents rules or meshgate's use of them. Thrown by the
 * envelope's constructor and by the codecs, always with a message that names the attribute.
 */
public final class EnvelopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }
}

package io.meshgate.service;

/**
 * A business service's handler. Implementations are CDI beans annotated with {@link MeshService}.
 *
 * <p>{@link #handle} runs on a message-driven bean's thread. It returns the result, which is
 * written as JSON (a Jackson {@code JsonNode}, a record, a map, a string, ...), or a
 * {@link java.util.concurrent.CompletionStage} of it for work that finishes later. A thrown
 * exception or a failed stage reaches the client as {@code HANDLER_ERROR} with the exception's
 * message; throw a {@link io.meshgate.wire.MeshgateException} to answer with another code
 * (e.g. {@code BAD_REQUEST}).
 */
@FunctionalInterface
public interface ServiceHandler {

    /** Runs one request; see the type's description for what may be returned. */
    Object handle(ServiceCall call) throws Exception;
}

package io.meshgate.launcher;

import java.util.concurrent.CompletionStage;

/**
 * What the load generator sends requests to: the gateway through its access point, or the raw
 * broker floor. Calls come from the generator's one pacing thread.
 */
interface LoadTarget extends AutoCloseable {

    /** A short name for progress lines and plot legends. */
    String name();

    /**
     * Sends request number {@code i}; the stage completes once, with {@code null} for a good
     * answer or the error code of a bad one.
     */
    CompletionStage<String> call(long i);

    /** Closes the target's sessions or connections. */
    @Override
    void close();
}

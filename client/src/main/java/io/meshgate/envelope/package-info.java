/**
 * The CloudEvents 1.0 envelope between nodes, its JMS binary-mode binding (attributes as
 * {@code cloudEvents_*} properties) and JSON format, the {@link io.meshgate.envelope.EnvelopeBatch}
 * body that carries several envelopes in one message, and the typed request, reply and push views.
 * Plain Java (no {@code jakarta.*}).
 *
 * <p>Threading: all values are immutable; the codecs are thread-safe.
 */
package io.meshgate.envelope;

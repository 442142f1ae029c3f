/**
 * JMS plumbing shared by routing, services and cluster: the pooled sender and the mapping of
 * envelopes onto JMS messages. Nothing else in meshgate touches {@code jakarta.jms} directly,
 * except the message-driven beans, which only translate with {@link io.meshgate.messaging.JmsEnvelopes}.
 *
 * <p>Threading: {@link io.meshgate.messaging.JmsSender} is safe for any thread; it hands each
 * send a pooled context of its own.
 */
package io.meshgate.messaging;

/**
 * JMS plumbing shared by routing, services and cluster: the connection factory the node sends
 * with and its login to a broker with a password ({@link io.meshgate.messaging.BrokerConnectionFactory},
 * a server seam: the adapter's on Payara, the messaging subsystem's on WildFly), the pooled sender, the mapping of
 * envelopes (one, or a batch) onto JMS messages, and the {@link io.meshgate.messaging.Coalescer}
 * that turns the sends to one destination that wait together into one batch (group commit). Nothing else in meshgate touches {@code jakarta.jms} directly,
 * except the message-driven beans, which only translate with {@link io.meshgate.messaging.JmsEnvelopes}.
 *
 * {@link io.meshgate.messaging.BrokerLink} judges from the sends, the messages that arrive and the
 * round trips whether the broker is reachable: a stalled send while messages still arrive is a
 * slow broker, not a lost one. {@link io.meshgate.messaging.BrokerWatch} holds a connection of its
 * own with the adapter's failover listener, so that a broker that dies is lost at once and a
 * connection that fails over triggers the round trip that regains it. It is the one place that
 * uses Artemis's own client API (the adapter's classes are visible to the application).
 * {@link io.meshgate.messaging.ListenerActivations} reads the adapter's activation log to tell
 * which listeners are attached (readiness).
 *
 * <p>Threading: {@link io.meshgate.messaging.JmsSender} is safe for any thread; it hands each
 * send a pooled context of its own, and a send may block while the adapter fails over, so socket
 * reader threads never send. A coalescer sends on the thread that finds its destination idle; the
 * others leave their items to that thread. A watcher thread of its own checks for stalled sends; the broker watch has a thread of its own.
 */
package io.meshgate.messaging;

/**
 * The client-facing WebSocket endpoint and its sessions. The frame layer sits between the socket
 * and the message codec, so the secure channel replaces {@link io.meshgate.wire.PlainFrameLayer}
 * without reshaping anything else. Sessions can be resumed on another node: the registry issues
 * and checks resume tokens and lets a new connection adopt a resumed session's id; while the node
 * warms up or drains, {@link io.meshgate.channel.IntakeFilter} answers upgrades 503, and when it
 * drains every session is closed with 1001 so that its client resumes elsewhere.
 * {@link io.meshgate.channel.ChannelSecurity#inMemoryPair()} gives the warm-up both ends of a
 * channel in memory. Before any upgrade,
 * {@link io.meshgate.channel.OriginFilter} refuses (403) a page whose {@code Origin} the
 * {@link io.meshgate.channel.OriginPolicy} does not allow, and
 * {@link io.meshgate.channel.ProxyHeaderFilter} a certificate header from an address that
 * {@link io.meshgate.channel.TrustedProxies} does not trust. Each open session is attached to the
 * {@code push} registry with its client identity (the subject of the certificate its handshake
 * proved; none with plain frames), and its {@code subscribe}/{@code unsubscribe} messages are
 * answered there like requests; a resume carries its topics over.
 *
 * <p>Threading: the container calls an endpoint instance from one thread at a time; replies reach
 * a {@link io.meshgate.channel.ClientSession} from reply listener threads and are serialised on
 * it, and pushes from the push listener's thread likewise. Depends on {@code routing},
 * {@code push}, {@code cluster}, {@code wire}.
 */
package io.meshgate.channel;

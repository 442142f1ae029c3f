/**
 * The client-facing WebSocket endpoint and its sessions. The frame layer sits between the socket
 * and the message codec, so the secure channel replaces {@link io.meshgate.wire.PlainFrameLayer}
 * without reshaping anything else.
 *
 * <p>Threading: the container calls an endpoint instance from one thread at a time; replies reach
 * a {@link io.meshgate.channel.ClientSession} from reply listener threads and are serialised on
 * it. Depends on {@code routing}, {@code cluster}, {@code wire}.
 */
package io.meshgate.channel;

/**
 * What travels on the client's WebSocket: the frame layer (plain now, sealed by the secure
 * channel), the inner JSON messages ({@code hello}, {@code req}, {@code res}, {@code error},
 * {@code push}) and the gateway's one exception type with its error and close codes. Plain Java
 * (no {@code jakarta.*}), shared by the server and the Java client. The channel's randoms and
 * ephemeral keys come from the system's {@code SecureRandom}; only the package-private
 * {@code ChannelEntropy} seam lets the cross-language protocol vectors
 * (src/test/resources/vectors) fix them.
 *
 * <p>Threading: codecs and records are immutable and thread-safe; a stateful frame layer belongs
 * to one session.
 */
package io.meshgate.wire;

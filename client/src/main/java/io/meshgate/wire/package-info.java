/**
 * What travels on the client's WebSocket: the frame layer (plain, or sealed by the secure
 * channel), the inner JSON messages ({@code hello}, {@code req}, {@code res}, {@code error},
 * {@code push}, {@code resume}, {@code resumed}, {@code subscribe}, {@code unsubscribe}; the push
 * topic rules in {@code Topics}) and the gateway's one exception type with its
 * error and close codes. A payload refused as {@code BAD_REQUEST} is answered with its request id
 * wherever the id can be read, even when duplicate keys or deep nesting refused the payload
 * ({@code ReadableId}: one bounded streaming pass). {@code Json} is the project's one JSON
 * configuration; a value another node already serialised (a result, a push's data) goes into a
 * frame as its bytes ({@code Json.embedded}: checked by a streaming pass, never parsed into a tree
 * and written again). The secure channel is {@code SecureChannel},
 * a facade over its package-private jobs: the two roles of the handshake, {@code ClientHandshake}
 * and {@code ServerHandshake} (with {@code Transcript} for the hashes and signed bytes and
 * {@code PeerChain} for the chains), {@code KeySchedule} (every key of a session from its ECDH
 * secret, generation by generation) and {@code SessionFrames} (sealing, opening and rekeying once
 * the handshake has ended). The client side accepts only a node's certificate and checks the node
 * that {@code hello} and {@code resumed} name against it ({@code ServerIdentity}). Plain Java (no
 * {@code jakarta.*}), shared by the server and the Java client. The channel's randoms and
 * ephemeral keys come from the system's {@code SecureRandom}; only the package-private
 * {@code ChannelEntropy} seam lets the cross-language protocol vectors
 * (src/test/resources/vectors) fix them.
 *
 * <p>Threading: codecs and records are immutable and thread-safe; a stateful frame layer belongs
 * to one session: the session's reader runs its handshake and opens its frames, its send lock
 * serialises sealing.
 */
package io.meshgate.wire;

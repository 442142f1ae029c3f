/**
 * meshgate's cryptography, plain Java shared by the server and the Java client: P-256 keys (always
 * validated), ECDH, ECDSA (P1363 and DER), HKDF-SHA256, HMAC-SHA256, AES-256-GCM (package-private:
 * only the frame sealer makes nonces), Brotli with a hard decompression cap, and the sealed frame
 * with its session keys. AES-GCM, HMAC and SHA-256 come from the JDK's providers (AES-NI and SHA
 * intrinsics); BouncyCastle supplies HKDF and the P-256 arithmetic of ECDH and ECDSA (RFC 6979
 * nonces), which ran about four times faster than SunEC's on this project's handshake
 * (docs/BENCHMARKS.md). An opener reads no more of a frame than its size,
 * length and version before the HMAC verifies; its flags and kind ({@code DATA}, {@code REKEY})
 * are checked after.
 *
 * <p>Threading: static helpers are thread-safe; a {@link io.meshgate.crypto.SealedFrame.Sealer},
 * {@link io.meshgate.crypto.SealedFrame.Opener} or {@link io.meshgate.crypto.HmacSha256} instance
 * belongs to one direction of one session and is used by one thread at a time.
 */
package io.meshgate.crypto;

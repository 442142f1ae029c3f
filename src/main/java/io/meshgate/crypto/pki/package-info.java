/**
 * meshgate's X.509 PKI, plain Java (JDK and BouncyCastle): a P-256 {@link
 * io.meshgate.crypto.pki.CertificateAuthority} that issues TLS server and client certificates, PEM
 * and PKCS#12 files written with owner-only permissions for keys ({@link
 * io.meshgate.crypto.pki.PemFiles}), a {@link io.meshgate.crypto.pki.CertificateVerifier} that checks
 * a peer's chain against the one trusted root and a {@link io.meshgate.crypto.pki.DenyList}, and the
 * local cluster's folder of certificates ({@link io.meshgate.crypto.pki.LocalPki}).
 *
 * <p>Every verification failure is an {@link io.meshgate.crypto.CryptoException} with {@code
 * INVALID_KEY} whose message names the rule that failed; unparseable files are {@code MALFORMED}.
 */
package io.meshgate.crypto.pki;

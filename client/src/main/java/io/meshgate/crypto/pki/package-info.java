/**
 * meshgate's X.509 PKI, plain Java (JDK and BouncyCastle): a P-256 {@link
 * io.meshgate.crypto.pki.CertificateAuthority} that issues TLS server, node and client certificates,
 * the node identity that only node certificates carry ({@link io.meshgate.crypto.pki.NodeCertificate}:
 * key purpose id-kp-meshgateNode and the URI {@code urn:meshgate:node:<id>}, so that a client can
 * tell a node from nginx), PEM (read and written with bcpkix's PEM classes) and PKCS#12 files
 * written with owner-only permissions for keys ({@link io.meshgate.crypto.pki.PemFiles}), a {@link io.meshgate.crypto.pki.CertificateVerifier}
 * that checks a peer's chain against the one trusted root and a {@link
 * io.meshgate.crypto.pki.DenyList}, and the local cluster's folder of certificates ({@link
 * io.meshgate.crypto.pki.LocalPki}), which issues again the node certificates of earlier versions.
 *
 * <p>Every verification failure is an {@link io.meshgate.crypto.CryptoException} with {@code
 * INVALID_KEY} whose message names the rule that failed; unparseable files are {@code MALFORMED}.
 * Threading: every class is immutable and thread-safe except {@code LocalPki}, which one process
 * uses at a time.
 */
package io.meshgate.crypto.pki;

/**
 * meshgate's X.509 PKI, plain Java (JDK and BouncyCastle): a P-256 {@link
 * io.meshgate.crypto.pki.CertificateAuthority} that issues TLS server, node and client certificates,
 * the node identity that only node certificates carry ({@link io.meshgate.crypto.pki.NodeCertificate}:
 * key purpose id-kp-meshgateNode and the URI {@code urn:meshgate:node:<id>}, so that a client can
 * tell a node from nginx), PEM (read and written with bcpkix's PEM classes) and PKCS#12 files
 * written with owner-only permissions for keys ({@link io.meshgate.crypto.pki.PemFiles}), a {@link
 * io.meshgate.crypto.pki.CertificateVerifier} that checks a peer's chain against the one trusted
 * root and a {@link io.meshgate.crypto.pki.DenyList}, and the local cluster's folder of
 * certificates ({@link io.meshgate.crypto.pki.LocalPki}), which issues again the node certificates
 * of earlier versions.
 *
 * <p>Paths are validated by the JDK's PKIX {@code CertPathValidator} (the root as the one trust
 * anchor, revocation off, the caller's instant as the validation date; signatures verified by the
 * JDK's provider), with meshgate's rules beyond PKIX in one {@code PKIXCertPathChecker} ({@code
 * PathRules}: ECDSA with SHA-2 only, the deny list, no unprocessed critical extension, an end-entity
 * leaf with digitalSignature and the extended key usage asked for). The verifier itself checks
 * only what PKIX does not: the chain's order and the root's deny list entry and validity. Every
 * verification failure is an {@link io.meshgate.crypto.CryptoException} with {@code INVALID_KEY}
 * whose message names the rule that failed, made from PKIX's reason and index in one place ({@code
 * PkixRefusals}); unparseable files are {@code MALFORMED}. Threading: every class is immutable and
 * thread-safe except {@code LocalPki}, which one process uses at a time, and {@code PathRules}, which
 * one verification makes and its validator uses on the calling thread.
 */
package io.meshgate.crypto.pki;

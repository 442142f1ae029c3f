package io.meshgate.launcher;

import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.LocalPki;
import io.meshgate.crypto.pki.PemFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The key material of a local cluster: its PKI (none for a plain cluster), each node's PKCS#12 key
 * and trust stores for its own HTTPS listener, the node settings of the secure channel that name
 * the PKI's files, and the resume key every node shares. Writes files only. Thread-safe.
 */
final class ClusterKeys {

    private static final Logger LOG = Logger.getLogger(ClusterKeys.class.getName());
    /** The key and trust stores' password: Payara's default master password. */
    static final String STORE_PASSWORD = "changeit";

    /** Where a node's HTTPS listener finds its key and the root it trusts, as JVM options; none for a plain cluster. */
    record NodeTls(String alias, List<String> jvmOptions) {
        NodeTls {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private final Path runDir;
    private volatile LocalPki pki;

    private ClusterKeys(Path runDir, LocalPki pki) {
        this.runDir = runDir;
        this.pki = pki;
    }

    /** The keys of a cluster in {@code runDir}: with a new PKI for these nodes when {@code secure}. */
    static ClusterKeys create(Path runDir, boolean secure, List<String> nodeIds) throws IOException {
        return new ClusterKeys(runDir, secure ? LocalPki.create(LocalPki.defaultDirectory(runDir), nodeIds) : null);
    }

    /** The cluster's PKI, or null for a plain cluster. */
    LocalPki pki() {
        return pki;
    }

    /** Whether the cluster has a PKI. */
    boolean secure() {
        return pki != null;
    }

    /** Issues a certificate for one more node (nothing for a plain cluster). */
    synchronized void addNode(String nodeId) throws IOException {
        if (pki != null) {
            pki = LocalPki.create(pki.directory(), List.of(nodeId));
        }
    }

    /** The PKI's files as the state file records them, or null for a plain cluster. */
    ClusterState.Pki state() {
        LocalPki p = pki;
        return p == null ? null : new ClusterState.Pki(p.caCert().toString(), p.clientCert().toString(),
                p.clientKey().toString(), p.clientP12().toString(), p.denyList().toString());
    }

    /** A node's configuration of the secure channel (the PKI's files, the console operator), or plain mode. */
    Map<String, String> channelConfig(String nodeId) {
        LocalPki p = pki;
        if (p == null) {
            return Map.of("meshgate.channel.mode", "plain");
        }
        return Map.of("meshgate.channel.mode", "secure",
                "meshgate.pki.ca", p.caCert().toString(),
                "meshgate.pki.certificate", p.nodeCert(nodeId).toString(),
                "meshgate.pki.key", p.nodeKey(nodeId).toString(),
                "meshgate.pki.denyList", p.denyList().toString(),
                "meshgate.console.operators", defaultClientFingerprint(p));
    }

    /** The SHA-256 fingerprint of the PKI's default client certificate: the local cluster's console operator. */
    private static String defaultClientFingerprint(LocalPki p) {
        try {
            return CertificateVerifier.fingerprint(PemFiles.readCertificate(p.clientCert()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p.clientCert(), e);
        }
    }

    /**
     * Writes the node's PKCS#12 key store (its certificate and key) and trust store (the root CA)
     * into its folder for its own HTTPS listener; nothing for a plain cluster.
     */
    NodeTls writeNodeStores(String nodeId, Path dir) throws IOException {
        LocalPki p = pki;
        if (p == null) {
            return new NodeTls("", List.of());
        }
        char[] password = STORE_PASSWORD.toCharArray();
        Path keys = dir.resolve("tls-keys.p12");
        Path trust = dir.resolve("tls-trust.p12");
        X509Certificate root = PemFiles.readCertificate(p.caCert());
        Credential credential = PemFiles.readCredential(p.nodeCert(nodeId), p.nodeKey(nodeId), root);
        PemFiles.writePkcs12(keys, credential, password);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("meshgate-root", root);
            try (OutputStream out = Files.newOutputStream(trust)) {
                ks.store(out, password);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store", e);
        }
        String alias = credential.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "")
                .replaceFirst(",.*$", "");
        return new NodeTls(alias, List.of("-Djavax.net.ssl.keyStore=" + keys,
                "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD, "-Djavax.net.ssl.keyStoreType=PKCS12",
                "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }

    /**
     * The cluster's resume key (32 random bytes, owner-only), shared by every node so that any of
     * them can check the resume token another issued; made on first use.
     */
    synchronized Path resumeKey() throws IOException {
        return writeResumeKey(runDir.resolve("resume.key"));
    }

    /** Writes a new resume key (32 random bytes, owner-only) to {@code key} unless it exists, and returns it. */
    static Path writeResumeKey(Path key) throws IOException {
        return writeSecret(key, bytes -> bytes);
    }

    /**
     * Writes a new broker password (32 random bytes as 43 characters of unpadded base64url, which
     * need no escaping in asadmin, jboss-cli or a shell; owner-only) to {@code file} unless it
     * exists, and returns it: what the brokers of docker/compose.yaml require of their clients.
     */
    static Path writeBrokerPassword(Path file) throws IOException {
        return writeSecret(file, bytes -> Base64.getUrlEncoder().withoutPadding().encode(bytes));
    }

    private static Path writeSecret(Path file, UnaryOperator<byte[]> encoding) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.write(file, encoding.apply(bytes));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.fine("no POSIX permissions here: " + file.getFileName() + " left with default permissions");
            }
        }
        return file;
    }
}

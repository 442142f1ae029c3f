package io.meshgate.crypto.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local cluster's PKI, laid out in one folder (by default {@code <run dir>/pki}, mode
 * {@code rwx------} when this class creates it):
 *
 * <ul>
 *   <li>{@code ca.pem}, {@code ca-key.pem}: the root CA ("meshgate local CA", ten years);
 *   <li>{@code nginx.pem}, {@code nginx-key.pem}: nginx's server certificate, CN "meshgate-nginx";
 *   <li>{@code node-<id>.pem}, {@code node-<id>-key.pem}: each node's certificate, CN
 *       "meshgate-node-<id>", with the node identity of {@link NodeCertificate} (key purpose
 *       id-kp-meshgateNode and the URI {@code urn:meshgate:node:<id>}) that nginx's lacks;
 *   <li>{@code client.pem}, {@code client-key.pem}, {@code client.p12}: the default client
 *       certificate, CN "meshgate-client"; the PKCS#12 file's password is
 *       {@value #CLIENT_P12_PASSWORD} (a local development convenience, not a secret);
 *   <li>{@code client-<name>.pem}, {@code client-<name>-key.pem}, {@code client-<name>.p12}:
 *       further clients from {@link #issueClient}, CN {@code <name>}, same password;
 *   <li>{@code deny-list.txt}: fingerprints of refused certificates (see {@link DenyList}), empty
 *       but for a comment header at first.
 * </ul>
 *
 * Server certificates name DNS {@code localhost} and IP {@code 127.0.0.1}; end-entity
 * certificates are valid for {@link #LEAF_VALIDITY}. Certificate files are {@code rw-r--r--},
 * keys and PKCS#12 files {@code rw-------}. Existing files are never overwritten, with one
 * exception: a node certificate without its node identity (made by a version before node
 * identities, or naming another node) is issued again, with a new key, so that an old run
 * directory keeps working. An expired certificate is renewed by deleting its files and running
 * {@link #create} again. Not thread-safe: one process manages the folder at a time.
 */
public final class LocalPki {

    /** Password of every PKCS#12 file this class writes. */
    public static final String CLIENT_P12_PASSWORD = "meshgate";
    /** Common name of the root CA. */
    public static final String CA_COMMON_NAME = "meshgate local CA";
    /** Common name of nginx's certificate. */
    public static final String NGINX_COMMON_NAME = "meshgate-nginx";
    /** Common name of the default client certificate. */
    public static final String CLIENT_COMMON_NAME = "meshgate-client";
    /** Validity of server and client certificates: 825 days, the most Apple platforms accept. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** DNS names in server certificates. */
    public static final List<String> SERVER_DNS_NAMES = List.of("localhost");
    /** IP addresses in server certificates. */
    public static final List<String> SERVER_IP_ADDRESSES = List.of("127.0.0.1");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String DENY_LIST_HEADER = """
            # meshgate deny list: certificates refused although validly signed.
            # One SHA-256 fingerprint of the DER certificate per line (64 hex digits, colons allowed),
            # e.g. the output of: openssl x509 -noout -fingerprint -sha256 -in client.pem
            # Lines starting with '#' and blank lines are ignored.
            """;

    private final Path dir;
    private CertificateAuthority ca;

    private LocalPki(Path dir, CertificateAuthority ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** The default folder: {@code <run dir>/pki}. */
    public static Path defaultDirectory(Path runDir) {
        return runDir.resolve("pki");
    }

    /**
     * Creates the folder's PKI, or completes it: when {@code ca.pem} exists its CA is kept and
     * only missing files are added (a missing {@code client.p12} is rebuilt from the client's
     * PEM files), and node certificates that lack their node identity are issued again.
     *
     * @throws IOException on I/O failure, or if a certificate exists without its key (or the
     *     reverse): such a pair is not silently replaced
     */
    public static LocalPki create(Path dir, List<String> nodeIds) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : nodeIds) {
            ids.add(checkName(id));
        }
        Path abs = dir.toAbsolutePath();
        if (!Files.isDirectory(abs)) {
            Path parent = abs.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(abs, ownerOnlyDirectory(abs));
        }
        LocalPki pki = new LocalPki(abs, null);
        pki.ensureCa();
        pki.ensureServer(pki.nginxCert(), pki.nginxKey(), NGINX_COMMON_NAME);
        for (String id : ids) {
            pki.ensureNode(id);
        }
        pki.ensureClient(pki.clientCert(), pki.clientKey(), pki.clientP12(), CLIENT_COMMON_NAME);
        if (!Files.exists(pki.denyList())) {
            PemFiles.write(pki.denyList(), DENY_LIST_HEADER.getBytes(StandardCharsets.UTF_8), PemFiles.PUBLIC);
        }
        return pki;
    }

    /**
     * Issues a client certificate with common name {@code name} (letters, digits, '.', '_', '-';
     * at most 64) into {@code client-<name>.pem}, {@code client-<name>-key.pem} and
     * {@code client-<name>.p12}.
     *
     * @throws IOException on I/O failure, or if any of the three files already exists
     */
    public ClientFiles issueClient(String name) throws IOException {
        checkName(name);
        ClientFiles files = new ClientFiles(file("client-" + name + ".pem"), file("client-" + name + "-key.pem"),
                file("client-" + name + ".p12"));
        for (Path p : List.of(files.cert(), files.key(), files.p12())) {
            if (Files.exists(p)) {
                throw new IOException(p + " already exists; delete the client's files to issue it again");
            }
        }
        ensureClient(files.cert(), files.key(), files.p12(), name);
        return files;
    }

    /** The folder. */
    public Path directory() {
        return dir;
    }

    /** {@code ca.pem}. */
    public Path caCert() {
        return file("ca.pem");
    }

    /** {@code ca-key.pem}. */
    public Path caKey() {
        return file("ca-key.pem");
    }

    /** {@code nginx.pem}. */
    public Path nginxCert() {
        return file("nginx.pem");
    }

    /** {@code nginx-key.pem}. */
    public Path nginxKey() {
        return file("nginx-key.pem");
    }

    /** {@code node-<id>.pem}. */
    public Path nodeCert(String id) {
        return file("node-" + checkName(id) + ".pem");
    }

    /** {@code node-<id>-key.pem}. */
    public Path nodeKey(String id) {
        return file("node-" + checkName(id) + "-key.pem");
    }

    /** {@code client.pem}. */
    public Path clientCert() {
        return file("client.pem");
    }

    /** {@code client-key.pem}. */
    public Path clientKey() {
        return file("client-key.pem");
    }

    /** {@code client.p12}, password {@value #CLIENT_P12_PASSWORD}. */
    public Path clientP12() {
        return file("client.p12");
    }

    /** {@code deny-list.txt}. */
    public Path denyList() {
        return file("deny-list.txt");
    }

    /** A client's files. */
    public record ClientFiles(Path cert, Path key, Path p12) {
        public ClientFiles {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(p12, "p12");
        }
    }

    private void ensureCa() throws IOException {
        boolean cert = Files.exists(caCert());
        boolean key = Files.exists(caKey());
        if (cert) {
            return;
        }
        if (key) {
            throw new IOException(caKey() + " exists without " + caCert() + "; restore it or delete both");
        }
        ca = CertificateAuthority.create(CA_COMMON_NAME);
        PemFiles.writePrivateKey(caKey(), ca.credential().key());
        PemFiles.writeCertificate(caCert(), ca.certificate());
    }

    private CertificateAuthority authority() throws IOException {
        if (ca == null) {
            if (!Files.exists(caKey())) {
                throw new IOException(caKey() + " is missing: cannot issue certificates");
            }
            ca = CertificateAuthority.load(caCert(), caKey());
        }
        return ca;
    }

    private void ensureServer(Path cert, Path key, String commonName) throws IOException {
        if (pairExists(cert, key)) {
            return;
        }
        writePair(cert, key, authority().issueServer(commonName, SERVER_DNS_NAMES, SERVER_IP_ADDRESSES,
                LEAF_VALIDITY));
    }

    /** A node's pair, issued when it is missing or when its certificate does not identify the node. */
    private void ensureNode(String id) throws IOException {
        Path cert = nodeCert(id);
        Path key = nodeKey(id);
        if (pairExists(cert, key) && NodeCertificate.identifies(PemFiles.readCertificate(cert), id)) {
            return;
        }
        writePair(cert, key, authority().issueNode(id, SERVER_DNS_NAMES, SERVER_IP_ADDRESSES, LEAF_VALIDITY));
    }

    private static void writePair(Path cert, Path key, Credential c) throws IOException {
        PemFiles.writePrivateKey(key, c.key());
        PemFiles.writeCertificate(cert, c.certificate());
    }

    private void ensureClient(Path cert, Path key, Path p12, String commonName) throws IOException {
        char[] password = CLIENT_P12_PASSWORD.toCharArray();
        if (pairExists(cert, key)) {
            if (!Files.exists(p12)) {
                X509Certificate existing = PemFiles.readCertificate(cert);
                PrivateKey k = PemFiles.readPrivateKey(key);
                X509Certificate root = PemFiles.readCertificate(caCert());
                PemFiles.writePkcs12(p12, new Credential(existing, k, List.of(existing, root)), password);
            }
            return;
        }
        if (Files.exists(p12)) {
            throw new IOException(p12 + " exists without " + cert + " and " + key + "; restore them or delete it");
        }
        Credential c = authority().issueClient(commonName, LEAF_VALIDITY);
        PemFiles.writePrivateKey(key, c.key());
        PemFiles.writePkcs12(p12, c, password);
        PemFiles.writeCertificate(cert, c.certificate());
    }

    private static boolean pairExists(Path cert, Path key) throws IOException {
        boolean c = Files.exists(cert);
        boolean k = Files.exists(key);
        if (c != k) {
            Path present = c ? cert : key;
            Path missing = c ? key : cert;
            throw new IOException(present + " exists without " + missing + "; restore it or delete both");
        }
        return c;
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("names are letters, digits, '.', '_' or '-' (at most 64): " + name);
        }
        return name;
    }

    private static FileAttribute<?>[] ownerOnlyDirectory(Path dir) {
        return PemFiles.isPosix(dir.getFileSystem())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }
}

package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPkiTest {

    private static final List<String> NODES = List.of("1", "2");

    @TempDir
    Path run;

    private Path pkiDir() {
        return LocalPki.defaultDirectory(run);
    }

    @Test
    void defaultDirectoryIsPkiInTheRunDirectory() {
        assertEquals(run.resolve("pki"), LocalPki.defaultDirectory(run));
    }

    @Test
    void createLaysOutTheFolder() throws Exception {
        LocalPki.create(pkiDir(), NODES);

        assertEquals(Set.of("ca.pem", "ca-key.pem", "nginx.pem", "nginx-key.pem", "node-1.pem", "node-1-key.pem",
                "node-2.pem", "node-2-key.pem", "client.pem", "client-key.pem", "client.p12", "deny-list.txt"),
                Set.copyOf(snapshot(pkiDir()).keySet()));
    }

    @Test
    void accessorsNameTheFilesInTheFolder() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        assertEquals(List.of(pkiDir().resolve("ca.pem"), pkiDir().resolve("client.pem"),
                pkiDir().resolve("client-key.pem"), pkiDir().resolve("client.p12"), pkiDir().resolve("nginx.pem"),
                pkiDir().resolve("nginx-key.pem"), pkiDir().resolve("node-2.pem"), pkiDir().resolve("node-2-key.pem"),
                pkiDir().resolve("deny-list.txt")),
                List.of(pki.caCert(), pki.clientCert(), pki.clientKey(), pki.clientP12(), pki.nginxCert(),
                        pki.nginxKey(), pki.nodeCert("2"), pki.nodeKey("2"), pki.denyList()));
    }

    @Test
    void folderIsOwnerOnly() throws Exception {
        LocalPki.create(pkiDir(), NODES);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pkiDir())));
    }

    @Test
    void keyAndPkcs12FilesAreOwnerReadWriteOnly() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        for (Path p : List.of(pki.caKey(), pki.nginxKey(), pki.nodeKey("1"), pki.clientKey(), pki.clientP12())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void certificateFilesAreWorldReadable() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        for (Path p : List.of(pki.caCert(), pki.nginxCert(), pki.nodeCert("1"), pki.clientCert(), pki.denyList())) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void nginxCertificateIsForLocalhostAnd127001() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        X509Certificate nginx = PemFiles.readCertificate(pki.nginxCert());

        assertEquals("CN=meshgate-nginx", nginx.getSubjectX500Principal().getName());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                Set.copyOf(nginx.getSubjectAlternativeNames()));
    }

    @Test
    void nginxCertificateCarriesNoNodeIdentity() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        X509Certificate nginx = PemFiles.readCertificate(pki.nginxCert());

        assertFalse(NodeCertificate.hasNodePurpose(nginx));
        assertEquals(List.of(), NodeCertificate.namedNodes(nginx));
    }

    @Test
    void eachNodeCertificateIdentifiesItsNode() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        for (String id : NODES) {
            X509Certificate node = PemFiles.readCertificate(pki.nodeCert(id));
            assertTrue(NodeCertificate.identifies(node, id), id);
            assertEquals("CN=meshgate-node-" + id, node.getSubjectX500Principal().getName());
        }
    }

    @Test
    void createIssuesAgainANodeCertificateMadeBeforeNodeIdentities() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        Credential old = CertificateAuthority.load(pki.caCert(), pki.caKey()).issueServer("meshgate-node-1",
                LocalPki.SERVER_DNS_NAMES, LocalPki.SERVER_IP_ADDRESSES, LocalPki.LEAF_VALIDITY);
        PemFiles.writePrivateKey(pki.nodeKey("1"), old.key());
        PemFiles.writeCertificate(pki.nodeCert("1"), old.certificate());
        String node2 = snapshot(pkiDir()).get("node-2.pem");

        LocalPki.create(pkiDir(), NODES);

        X509Certificate renewed = PemFiles.readCertificate(pki.nodeCert("1"));
        assertTrue(NodeCertificate.identifies(renewed, "1"));
        assertDoesNotThrow(() -> verifier(pki).verify(List.of(renewed), Usage.SERVER_AUTH));
        assertDoesNotThrow(() -> PemFiles.readCredential(pki.nodeCert("1"), pki.nodeKey("1"),
                PemFiles.readCertificate(pki.caCert())));
        assertEquals(node2, snapshot(pkiDir()).get("node-2.pem"));
    }

    @Test
    void createIssuesAgainANodeCertificateThatNamesAnotherNode() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        Files.copy(pki.nodeCert("2"), pki.nodeCert("1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.nodeKey("2"), pki.nodeKey("1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        LocalPki.create(pkiDir(), NODES);

        assertTrue(NodeCertificate.identifies(PemFiles.readCertificate(pki.nodeCert("1")), "1"));
    }

    @Test
    void serverCertificatesVerifyForServerAuthentication() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        CertificateVerifier verifier = verifier(pki);

        for (Path p : List.of(pki.nginxCert(), pki.nodeCert("1"), pki.nodeCert("2"))) {
            assertDoesNotThrow(() -> verifier.verify(List.of(PemFiles.readCertificate(p)), Usage.SERVER_AUTH));
        }
    }

    @Test
    void defaultClientCertificateVerifiesForClientAuthentication() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        X509Certificate client = PemFiles.readCertificate(pki.clientCert());

        assertEquals("CN=meshgate-client", client.getSubjectX500Principal().getName());
        assertDoesNotThrow(() -> verifier(pki).verify(List.of(client), Usage.CLIENT_AUTH));
    }

    @Test
    void clientPkcs12OpensWithTheDocumentedPassword() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        KeyStore ks = KeyStore.getInstance("PKCS12");

        try (InputStream in = Files.newInputStream(pki.clientP12())) {
            ks.load(in, "meshgate".toCharArray());
        }

        assertEquals(List.of(PemFiles.readCertificate(pki.clientCert()), PemFiles.readCertificate(pki.caCert())),
                List.of(ks.getCertificateChain("meshgate-client")));
    }

    @Test
    void denyListStartsEmptyWithACommentHeader() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        assertTrue(Files.readString(pki.denyList()).startsWith("#"));
        assertEquals(0, DenyList.load(pki.denyList()).size());
    }

    @Test
    void secondCreateKeepsTheCa() throws Exception {
        LocalPki first = LocalPki.create(pkiDir(), NODES);
        String before = CertificateVerifier.fingerprint(PemFiles.readCertificate(first.caCert()));

        LocalPki second = LocalPki.create(pkiDir(), NODES);

        assertEquals(before, CertificateVerifier.fingerprint(PemFiles.readCertificate(second.caCert())));
    }

    @Test
    void secondCreateOverwritesNoFile() throws Exception {
        LocalPki.create(pkiDir(), NODES);
        Map<String, String> before = snapshot(pkiDir());

        LocalPki.create(pkiDir(), NODES);

        assertEquals(before, snapshot(pkiDir()));
    }

    @Test
    void secondCreateAddsNewNodesSignedByTheSameCa() throws Exception {
        LocalPki.create(pkiDir(), NODES);

        LocalPki pki = LocalPki.create(pkiDir(), List.of("1", "2", "3"));

        assertDoesNotThrow(() -> verifier(pki).verify(List.of(PemFiles.readCertificate(pki.nodeCert("3"))),
                Usage.SERVER_AUTH));
    }

    @Test
    void missingPkcs12IsRebuiltFromTheClientFiles() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        Files.delete(pki.clientP12());

        LocalPki.create(pkiDir(), NODES);

        assertEquals(PemFiles.readCertificate(pki.clientCert()),
                PemFiles.readPkcs12(pki.clientP12(), "meshgate".toCharArray()).certificate());
    }

    @Test
    void certificateWithoutItsKeyIsNotReplaced() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        Files.delete(pki.nodeKey("1"));

        assertThrows(IOException.class, () -> LocalPki.create(pkiDir(), NODES));
    }

    @Test
    void completeFolderNeedsNoCaKey() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        Files.delete(pki.caKey());

        assertDoesNotThrow(() -> LocalPki.create(pkiDir(), NODES));
    }

    @Test
    void issueClientCreatesAVerifiableClientCertificate() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        LocalPki.ClientFiles files = pki.issueClient("alice");

        X509Certificate alice = PemFiles.readCertificate(files.cert());
        assertEquals("CN=alice", alice.getSubjectX500Principal().getName());
        assertDoesNotThrow(() -> verifier(pki).verify(List.of(alice), Usage.CLIENT_AUTH));
    }

    @Test
    void issueClientWritesAPemCertificateAKeyAndAPkcs12File() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        LocalPki.ClientFiles files = pki.issueClient("alice");

        assertEquals(new LocalPki.ClientFiles(pkiDir().resolve("client-alice.pem"),
                pkiDir().resolve("client-alice-key.pem"), pkiDir().resolve("client-alice.p12")), files);
        assertEquals(PemFiles.readCertificate(files.cert()),
                PemFiles.readPkcs12(files.p12(), "meshgate".toCharArray()).certificate());
    }

    @Test
    void issueClientKeepsAnExistingClient() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);
        pki.issueClient("alice");

        assertThrows(IOException.class, () -> pki.issueClient("alice"));
    }

    @Test
    void issueClientRefusesANameThatIsAPath() throws Exception {
        LocalPki pki = LocalPki.create(pkiDir(), NODES);

        assertThrows(IllegalArgumentException.class, () -> pki.issueClient("../alice"));
    }

    @Test
    void nodeIdThatIsAPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalPki.create(pkiDir(), List.of("../1")));
        assertFalse(Files.exists(pkiDir()));
    }

    private static CertificateVerifier verifier(LocalPki pki) throws IOException {
        return new CertificateVerifier(PemFiles.readCertificate(pki.caCert()), DenyList.load(pki.denyList()));
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(Files.readAllBytes(p))
                        + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }
}

package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static final CertificateAuthority CA = CertificateAuthority.create("meshgate test CA");
    private static final Credential CLIENT = CA.issueClient("alice", Duration.ofDays(1));

    @TempDir
    Path dir;

    @Test
    void certificateRoundTrips() throws Exception {
        Path file = dir.resolve("client.pem");

        PemFiles.writeCertificate(file, CLIENT.certificate());

        assertEquals(CLIENT.certificate(), PemFiles.readCertificate(file));
    }

    @Test
    void chainRoundTripsInOrder() throws Exception {
        Path file = dir.resolve("chain.pem");

        PemFiles.writeCertificates(file, CLIENT.chain());

        assertEquals(CLIENT.chain(), PemFiles.readCertificates(file));
    }

    @Test
    void certificateFileIsAPemCertificateBlock() throws Exception {
        Path file = dir.resolve("client.pem");

        PemFiles.writeCertificate(file, CLIENT.certificate());

        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(text.endsWith("-----END CERTIFICATE-----\n"));
    }

    @Test
    void privateKeyRoundTrips() throws Exception {
        Path file = dir.resolve("client-key.pem");

        PemFiles.writePrivateKey(file, CLIENT.key());

        assertArrayEquals(CLIENT.key().getEncoded(), PemFiles.readPrivateKey(file).getEncoded());
    }

    @Test
    void privateKeyFileIsAPkcs8Block() throws Exception {
        Path file = dir.resolve("client-key.pem");

        PemFiles.writePrivateKey(file, CLIENT.key());

        assertTrue(Files.readString(file, StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void pemWithWindowsLineEndingsAndSurroundingTextIsRead() throws Exception {
        Path file = dir.resolve("client.pem");
        PemFiles.writeCertificate(file, CLIENT.certificate());
        String crlf = "subject=CN=alice\r\n" + Files.readString(file).replace("\n", "\r\n");
        Files.writeString(file, crlf);

        assertEquals(CLIENT.certificate(), PemFiles.readCertificate(file));
    }

    @Test
    void privateKeyFileIsOwnerReadWriteOnly() throws Exception {
        Path file = dir.resolve("client-key.pem");

        PemFiles.writePrivateKey(file, CLIENT.key());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void pkcs12FileIsOwnerReadWriteOnly() throws Exception {
        Path file = dir.resolve("client.p12");

        PemFiles.writePkcs12(file, CLIENT, PASSWORD);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void certificateFileIsWorldReadable() throws Exception {
        Path file = dir.resolve("client.pem");

        PemFiles.writeCertificate(file, CLIENT.certificate());

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void overwrittenKeyFileIsReplacedAndOwnerOnly() throws Exception {
        Path file = dir.resolve("client-key.pem");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        PemFiles.writePrivateKey(file, CLIENT.key());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(CLIENT.key().getEncoded(), PemFiles.readPrivateKey(file).getEncoded());
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        PemFiles.writeCertificate(dir.resolve("client.pem"), CLIENT.certificate());
        PemFiles.writePrivateKey(dir.resolve("client-key.pem"), CLIENT.key());
        PemFiles.writePkcs12(dir.resolve("client.p12"), CLIENT, PASSWORD);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("client-key.pem", "client.p12", "client.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void pkcs12OpensWithKeyStoreAndHoldsTheKeyAndChain() throws Exception {
        Path file = dir.resolve("client.p12");
        PemFiles.writePkcs12(file, CLIENT, PASSWORD);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        String alias = Collections.list(ks.aliases()).get(0);
        Key key = ks.getKey(alias, PASSWORD);

        assertEquals("alice", alias);
        assertArrayEquals(CLIENT.key().getEncoded(), key.getEncoded());
        assertEquals(CLIENT.chain(), List.of(ks.getCertificateChain(alias)));
    }

    @Test
    void pkcs12RoundTripsAsACredential() throws Exception {
        Path file = dir.resolve("client.p12");
        PemFiles.writePkcs12(file, CLIENT, PASSWORD);

        Credential read = PemFiles.readPkcs12(file, PASSWORD);

        assertEquals(CLIENT.chain(), read.chain());
        assertArrayEquals(CLIENT.key().getEncoded(), read.key().getEncoded());
    }

    @Test
    void pkcs12WithAWrongPasswordIsRefused() throws Exception {
        Path file = dir.resolve("client.p12");
        PemFiles.writePkcs12(file, CLIENT, PASSWORD);

        CryptoException e = assertThrows(CryptoException.class,
                () -> PemFiles.readPkcs12(file, "wrong".toCharArray()));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
    }

    @Test
    void fileWithoutACertificateIsMalformed() throws Exception {
        Path file = dir.resolve("client-key.pem");
        PemFiles.writePrivateKey(file, CLIENT.key());

        CryptoException e = assertThrows(CryptoException.class, () -> PemFiles.readCertificate(file));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
    }

    @Test
    void unterminatedPemBlockIsMalformed() throws Exception {
        Path file = dir.resolve("client-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n");

        CryptoException e = assertThrows(CryptoException.class, () -> PemFiles.readPrivateKey(file));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
    }

    @Test
    void certificateReadAsAKeyIsMalformed() throws Exception {
        Path file = dir.resolve("client.pem");
        PemFiles.writeCertificate(file, CLIENT.certificate());

        CryptoException e = assertThrows(CryptoException.class, () -> PemFiles.readPrivateKey(file));

        assertEquals(CryptoException.Reason.MALFORMED, e.reason());
    }

    @Test
    void readKeyBelongsToItsCertificate() throws Exception {
        Path file = dir.resolve("client-key.pem");
        PemFiles.writePrivateKey(file, CLIENT.key());

        PrivateKey key = PemFiles.readPrivateKey(file);

        assertDoesNotThrow(() -> new Credential(CLIENT.certificate(), key, CLIENT.chain()));
    }

    @Test
    void readCredentialAppendsTheRootToALeafOnlyChain() throws Exception {
        Path cert = dir.resolve("leaf.pem");
        Path key = dir.resolve("leaf-key.pem");
        PemFiles.writeCertificate(cert, CLIENT.certificate());
        PemFiles.writePrivateKey(key, CLIENT.key());

        Credential read = PemFiles.readCredential(cert, key, CA.certificate());

        assertEquals(List.of(CLIENT.certificate(), CA.certificate()), read.chain());
    }

    @Test
    void readCredentialKeepsAChainThatAlreadyEndsWithTheRoot() throws Exception {
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("chain-key.pem");
        PemFiles.writeCertificates(cert, List.of(CLIENT.certificate(), CA.certificate()));
        PemFiles.writePrivateKey(key, CLIENT.key());

        Credential read = PemFiles.readCredential(cert, key, CA.certificate());

        assertEquals(List.of(CLIENT.certificate(), CA.certificate()), read.chain());
    }
}

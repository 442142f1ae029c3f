package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.crypto.CryptoException;
import io.meshgate.crypto.P256;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority CA = CertificateAuthority.create("meshgate test CA");
    private static final X509Certificate ROOT = CA.certificate();
    private static final Credential SERVER = CA.issueServer("node-1", List.of("localhost", "node1.local"),
            List.of("127.0.0.1", "::1"), DAY);
    private static final Credential CLIENT = CA.issueClient("alice", DAY);
    private static final Credential NODE = CA.issueNode("node-7", List.of("localhost"), List.of("127.0.0.1"), DAY);

    @TempDir
    Path dir;

    @Test
    void rootIsSelfSigned() {
        assertEquals(ROOT.getSubjectX500Principal(), ROOT.getIssuerX500Principal());
        assertDoesNotThrow(() -> ROOT.verify(ROOT.getPublicKey()));
    }

    @Test
    void rootIsACaWithCriticalBasicConstraints() {
        assertEquals(Integer.MAX_VALUE, ROOT.getBasicConstraints());
        assertTrue(ROOT.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
    }

    @Test
    void rootMaySignCertificatesAndCrlsOnly() {
        boolean[] ku = ROOT.getKeyUsage();

        assertTrue(ROOT.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false}, ku);
    }

    @Test
    void rootHasASubjectKeyIdentifier() {
        assertEquals(20, subjectKeyIdentifier(ROOT).length);
    }

    @Test
    void rootIsValidForTenYearsByDefault() {
        Instant notBefore = ROOT.getNotBefore().toInstant();
        Instant expected = notBefore.plus(CertificateAuthority.BACKDATE).atZone(ZoneOffset.UTC).plusYears(10)
                .toInstant();

        assertTrue(Duration.between(expected, ROOT.getNotAfter().toInstant()).abs().getSeconds() <= 2);
    }

    @Test
    void rootValidityIsConfigurable() {
        X509Certificate root = CertificateAuthority.create("short", Duration.ofDays(30)).certificate();

        Duration validity = Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant());

        assertTrue(validity.minus(Duration.ofDays(30).plus(CertificateAuthority.BACKDATE)).abs().getSeconds() <= 2);
    }

    @Test
    void keysAreP256() {
        assertDoesNotThrow(() -> P256.validate((ECPublicKey) ROOT.getPublicKey()));
        assertDoesNotThrow(() -> P256.validate((ECPublicKey) CLIENT.certificate().getPublicKey()));
    }

    @Test
    void certificatesAreSignedWithSha256WithEcdsa() {
        assertEquals("SHA256withECDSA", ROOT.getSigAlgName());
        assertEquals("SHA256withECDSA", CLIENT.certificate().getSigAlgName());
    }

    @Test
    void certificatesAreVersionThree() {
        assertEquals(3, ROOT.getVersion());
        assertEquals(3, SERVER.certificate().getVersion());
    }

    @Test
    void serialNumbersArePositiveAndAtMost128Bits() {
        for (X509Certificate c : List.of(ROOT, SERVER.certificate(), CLIENT.certificate())) {
            assertEquals(1, c.getSerialNumber().signum());
            assertTrue(c.getSerialNumber().bitLength() <= 128);
        }
    }

    @Test
    void serialNumbersDiffer() {
        assertNotEquals(SERVER.certificate().getSerialNumber(), CLIENT.certificate().getSerialNumber());
    }

    @Test
    void serverCertificateNamesItsDnsNamesAndIpAddresses() throws Exception {
        Set<List<?>> sans = Set.copyOf(SERVER.certificate().getSubjectAlternativeNames());

        assertEquals(Set.of(List.of(2, "localhost"), List.of(2, "node1.local"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1")), sans);
    }

    @Test
    void serverCertificateIsForServerAuthenticationOnly() throws Exception {
        assertEquals(List.of(Usage.SERVER_AUTH.oid()), SERVER.certificate().getExtendedKeyUsage());
    }

    @Test
    void clientCertificateIsForClientAuthenticationOnly() throws Exception {
        assertEquals(List.of(Usage.CLIENT_AUTH.oid()), CLIENT.certificate().getExtendedKeyUsage());
    }

    @Test
    void nodeCertificateIsForServerAuthenticationAndTheMeshgateNodeIdentity() throws Exception {
        assertEquals(List.of(Usage.SERVER_AUTH.oid(), "2.25.108841696860750190973114447637860581141"),
                NODE.certificate().getExtendedKeyUsage());
    }

    @Test
    void nodeCertificateNamesItsNodeInAUriAfterItsDnsNamesAndIpAddresses() throws Exception {
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(6, "urn:meshgate:node:node-7")),
                List.copyOf(NODE.certificate().getSubjectAlternativeNames()));
    }

    @Test
    void nodeCertificateCommonNameIsMeshgateNodeAndTheId() {
        assertEquals("CN=meshgate-node-node-7", NODE.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void nodeCertificateVerifiesForServerAuthentication() {
        assertDoesNotThrow(() -> new CertificateVerifier(ROOT).verify(NODE.chain(), Usage.SERVER_AUTH));
    }

    @Test
    void serverAndClientCertificatesCarryNoNodeIdentity() {
        for (Credential c : List.of(SERVER, CLIENT)) {
            assertFalse(NodeCertificate.hasNodePurpose(c.certificate()), c.toString());
            assertEquals(List.of(), NodeCertificate.namedNodes(c.certificate()), c.toString());
        }
    }

    @Test
    void nodeIdThatIsNotUriSafeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CA.issueNode("node 1", List.of("localhost"), List.of(), DAY));
    }

    @Test
    void nodeCertificateNeedsADnsNameOrAnIpAddress() {
        assertThrows(IllegalArgumentException.class, () -> CA.issueNode("node-1", List.of(), List.of(), DAY));
    }

    @Test
    void clientCertificateHasNoSubjectAlternativeNames() throws Exception {
        assertNull(CLIENT.certificate().getSubjectAlternativeNames());
    }

    @Test
    void endEntityIsNotACa() {
        assertEquals(-1, CLIENT.certificate().getBasicConstraints());
        assertTrue(CLIENT.certificate().getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
    }

    @Test
    void endEntityKeyUsageIsDigitalSignatureOnlyAndCritical() {
        boolean[] ku = CLIENT.certificate().getKeyUsage();

        assertTrue(CLIENT.certificate().getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, ku);
    }

    @Test
    void endEntityNamesTheRootsKeyAsAuthorityKeyIdentifier() {
        byte[] aki = AuthorityKeyIdentifier.getInstance(extension(CLIENT.certificate(),
                Extension.authorityKeyIdentifier)).getKeyIdentifier();

        assertArrayEquals(subjectKeyIdentifier(ROOT), aki);
    }

    @Test
    void subjectIsTheCommonName() {
        assertEquals("CN=alice", CLIENT.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void issuerIsTheRootsSubject() {
        assertEquals(ROOT.getSubjectX500Principal(), CLIENT.certificate().getIssuerX500Principal());
    }

    @Test
    void chainIsTheLeafThenTheRoot() {
        assertEquals(List.of(CLIENT.certificate(), ROOT), CLIENT.chain());
    }

    @Test
    void explicitValidityIsKeptToTheSecond() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2021-01-01T00:00:00Z");

        X509Certificate c = CA.issue("old", List.of(Usage.CLIENT_AUTH), from, to, List.of(), List.of()).certificate();

        assertEquals(from, c.getNotBefore().toInstant());
        assertEquals(to, c.getNotAfter().toInstant());
    }

    @Test
    void issuedValidityStartsSlightlyBeforeNow() {
        Instant notBefore = CLIENT.certificate().getNotBefore().toInstant();
        Instant expected = Instant.now().minus(CertificateAuthority.BACKDATE);

        assertTrue(Duration.between(notBefore, expected).abs().compareTo(Duration.ofMinutes(1)) < 0);
    }

    @Test
    void explicitUsagesAreAllListed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        X509Certificate c = CA.issue("both", List.of(Usage.SERVER_AUTH, Usage.CLIENT_AUTH), now, now.plus(DAY),
                List.of("localhost"), List.of()).certificate();

        assertEquals(List.of(Usage.SERVER_AUTH.oid(), Usage.CLIENT_AUTH.oid()), c.getExtendedKeyUsage());
    }

    @Test
    void serverCertificateNeedsADnsNameOrAnIpAddress() {
        assertThrows(IllegalArgumentException.class, () -> CA.issueServer("x", List.of(), List.of(), DAY));
    }

    @Test
    void hostNameIsNotAcceptedAsAnIpAddress() {
        assertThrows(IllegalArgumentException.class,
                () -> CA.issueServer("x", List.of(), List.of("localhost"), DAY));
    }

    @Test
    void dnsNameWithASpaceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CA.issueServer("x", List.of("local host"), List.of(), DAY));
    }

    @Test
    void blankCommonNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CA.issueClient(" ", DAY));
    }

    @Test
    void nonPositiveValidityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CA.issueClient("alice", Duration.ZERO));
    }

    @Test
    void loadedCaIssuesCertificatesThatVerifyAgainstTheOriginalRoot() throws Exception {
        PemFiles.writeCertificate(dir.resolve("ca.pem"), ROOT);
        PemFiles.writePrivateKey(dir.resolve("ca-key.pem"), CA.credential().key());

        Credential client = CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"))
                .issueClient("bob", DAY);

        assertDoesNotThrow(() -> new CertificateVerifier(ROOT).verify(client.chain(), Usage.CLIENT_AUTH));
    }

    @Test
    void loadRefusesAnEndEntityCertificate() throws Exception {
        PemFiles.writeCertificate(dir.resolve("client.pem"), CLIENT.certificate());
        PemFiles.writePrivateKey(dir.resolve("client-key.pem"), CLIENT.key());

        CryptoException e = assertThrows(CryptoException.class,
                () -> CertificateAuthority.load(dir.resolve("client.pem"), dir.resolve("client-key.pem")));

        assertTrue(e.getMessage().startsWith("not a CA certificate"));
    }

    @Test
    void loadRefusesAKeyThatIsNotTheCas() throws Exception {
        PemFiles.writeCertificate(dir.resolve("ca.pem"), ROOT);
        PemFiles.writePrivateKey(dir.resolve("ca-key.pem"), CLIENT.key());

        CryptoException e = assertThrows(CryptoException.class,
                () -> CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("ca-key.pem")));

        assertEquals("the private key does not belong to the certificate", e.getMessage());
    }

    private static byte[] subjectKeyIdentifier(X509Certificate c) {
        return SubjectKeyIdentifier.getInstance(extension(c, Extension.subjectKeyIdentifier)).getKeyIdentifier();
    }

    private static byte[] extension(X509Certificate c, ASN1ObjectIdentifier oid) {
        return ASN1OctetString.getInstance(c.getExtensionValue(oid.getId())).getOctets();
    }
}

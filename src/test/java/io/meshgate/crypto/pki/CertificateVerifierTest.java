package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CertificateVerifierTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority CA = CertificateAuthority.create("meshgate test CA");
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.create("meshgate test CA");
    private static final Credential CLIENT = CA.issueClient("alice", DAY);
    private static final Credential SERVER = CA.issueServer("node-1", List.of("localhost"), List.of("127.0.0.1"),
            DAY);

    private final CertificateVerifier verifier = new CertificateVerifier(CA.certificate());
    private final Instant now = Instant.now();

    @Test
    void issuedClientCertificateVerifiesAgainstTheRoot() {
        assertDoesNotThrow(() -> verifier.verify(CLIENT.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void issuedServerCertificateVerifiesAgainstTheRoot() {
        assertDoesNotThrow(() -> verifier.verify(SERVER.chain(), Usage.SERVER_AUTH, now));
    }

    @Test
    void chainWithoutTheRootVerifies() {
        assertDoesNotThrow(() -> verifier.verify(List.of(CLIENT.certificate()), Usage.CLIENT_AUTH, now));
    }

    @Test
    void clientCertificateIsNotValidForServerAuthentication() {
        assertRefused("certificate not valid for server authentication",
                () -> verifier.verify(CLIENT.chain(), Usage.SERVER_AUTH, now));
    }

    @Test
    void serverCertificateIsNotValidForClientAuthentication() {
        assertRefused("certificate not valid for client authentication",
                () -> verifier.verify(SERVER.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateWithoutExtendedKeyUsageIsNotValidForClientAuthentication() {
        Credential bare = CA.issue("bare", List.of(), now.minus(DAY), now.plus(DAY), List.of(), List.of());

        assertRefused("certificate not valid for client authentication",
                () -> verifier.verify(bare.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void expiredCertificateFails() {
        Credential old = CA.issue("old", List.of(Usage.CLIENT_AUTH), now.minus(DAY.multipliedBy(10)), now.minus(DAY),
                List.of(), List.of());

        assertRefused("certificate expired", () -> verifier.verify(old.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateIsCheckedAtTheGivenInstant() {
        assertRefused("certificate expired",
                () -> verifier.verify(CLIENT.chain(), Usage.CLIENT_AUTH, now.plus(DAY.multipliedBy(2))));
    }

    @Test
    void certificateNotYetValidFails() {
        Credential future = CA.issue("future", List.of(Usage.CLIENT_AUTH), now.plus(DAY), now.plus(DAY.multipliedBy(2)),
                List.of(), List.of());

        assertRefused("certificate not yet valid", () -> verifier.verify(future.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void expiredRootFails() {
        CertificateAuthority old = CertificateAuthority.create("old CA", now.minus(DAY.multipliedBy(10)),
                now.minus(DAY));
        Credential client = old.issueClient("alice", DAY);

        assertRefused("trusted root expired",
                () -> new CertificateVerifier(old.certificate()).verify(client.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateFromAnotherCaWithTheSameNameFails() {
        Credential foreign = OTHER_CA.issueClient("alice", DAY);

        assertRefused("not signed by the trusted root",
                () -> verifier.verify(List.of(foreign.certificate()), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateFromAnotherCaWithItsRootInTheChainFails() {
        Credential foreign = OTHER_CA.issueClient("alice", DAY);

        assertRefused("not signed by the trusted root",
                () -> verifier.verify(foreign.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateFollowedByACertificateThatDidNotSignItFails() {
        assertRefused("certificate chain is broken",
                () -> verifier.verify(List.of(CLIENT.certificate(), OTHER_CA.certificate(), CA.certificate()),
                        Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateOnTheDenyListFails() {
        CertificateVerifier denying = verifier.withDenyList(DenyList.of(List.of(
                CertificateVerifier.fingerprint(CLIENT.certificate()))));

        assertRefused("certificate is on the deny list",
                () -> denying.verify(CLIENT.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void denyListLeavesOtherCertificatesAlone() {
        CertificateVerifier denying = verifier.withDenyList(DenyList.of(List.of(
                CertificateVerifier.fingerprint(SERVER.certificate()))));

        assertDoesNotThrow(() -> denying.verify(CLIENT.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void caCertificatePresentedAsLeafFails() {
        assertRefused("certificate is a CA, not an end-entity certificate",
                () -> verifier.verify(List.of(CA.certificate()), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateWithOneSignatureBitFlippedFails() throws Exception {
        byte[] der = CLIENT.certificate().getEncoded();
        der[der.length - 1] ^= 1;
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));

        assertRefused("not signed by the trusted root",
                () -> verifier.verify(List.of(tampered, CA.certificate()), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateIssuedByAnEndEntityFails() {
        Credential leaf = new CertificateAuthority(CLIENT).issueClient("mallory", DAY);

        assertRefused("intermediate certificate is not a CA",
                () -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void certificateIssuedByAnIntermediateCaVerifies() throws Exception {
        Credential intermediate = Forge.signedBy(CA.credential(), "intermediate", b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        });
        Credential leaf = new CertificateAuthority(intermediate).issueClient("alice", DAY);

        assertDoesNotThrow(() -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void intermediateWhoseKeyUsageExcludesCertificateSigningFails() throws Exception {
        Credential intermediate = Forge.signedBy(CA.credential(), "intermediate", b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        });
        Credential leaf = new CertificateAuthority(intermediate).issueClient("alice", DAY);

        assertRefused("intermediate certificate may not sign certificates",
                () -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void intermediateBeyondAPathLengthConstraintFails() throws Exception {
        Credential first = Forge.signedBy(CA.credential(), "first",
                b -> b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0)));
        Credential second = Forge.signedBy(first, "second",
                b -> b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
        Credential leaf = new CertificateAuthority(second).issueClient("alice", DAY);

        assertRefused("path length constraint exceeded", () -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void leafWithoutDigitalSignatureKeyUsageFails() throws Exception {
        Credential leaf = Forge.signedBy(CA.credential(), "leaf", b -> {
            Forge.endEntity(b);
            Forge.clientAuth(b);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement));
        });

        assertRefused("certificate key usage does not allow digital signatures",
                () -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void leafWithAnUnknownCriticalExtensionFails() throws Exception {
        Credential leaf = Forge.signedBy(CA.credential(), "leaf", b -> {
            Forge.endEntity(b);
            Forge.clientAuth(b);
            Forge.digitalSignature(b);
            b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, DERNull.INSTANCE);
        });

        assertRefused("unsupported critical extension 1.3.6.1.4.1.99999.1",
                () -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void forgedCertificateWithTheUsualExtensionsVerifies() throws Exception {
        Credential leaf = Forge.signedBy(CA.credential(), "leaf", b -> {
            Forge.endEntity(b);
            Forge.clientAuth(b);
            Forge.digitalSignature(b);
        });

        assertDoesNotThrow(() -> verifier.verify(leaf.chain(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void emptyChainFails() {
        assertRefused("empty certificate chain", () -> verifier.verify(List.of(), Usage.CLIENT_AUTH, now));
    }

    @Test
    void trustedRootMustBeACa() {
        CryptoException e = assertThrows(CryptoException.class, () -> new CertificateVerifier(CLIENT.certificate()));

        assertEquals("the trusted root is not a self-signed CA certificate", e.getMessage());
    }

    @Test
    void fingerprintIsTheLowercaseHexSha256OfTheDerCertificate() throws Exception {
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(CLIENT.certificate().getEncoded()));

        assertEquals(expected, CertificateVerifier.fingerprint(CLIENT.certificate()));
    }

    private static void assertRefused(String message, Executable verification) {
        CryptoException e = assertThrows(CryptoException.class, verification);
        assertEquals(CryptoException.Reason.INVALID_KEY, e.reason());
        assertEquals(message, e.getMessage());
    }
}

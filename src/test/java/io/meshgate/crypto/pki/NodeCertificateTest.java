package io.meshgate.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

class NodeCertificateTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority CA = CertificateAuthority.create("node identity test CA");
    private static final Credential NODE = CA.issueNode("node-1", List.of("localhost"), List.of(), DAY);

    @Test
    void uriIsTheUrnPrefixAndTheNodeId() {
        assertEquals("urn:meshgate:node:node-1", NodeCertificate.uri("node-1"));
    }

    @Test
    void uriOfANodeIdWithAColonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeCertificate.uri("node:1"));
    }

    @Test
    void nodeCertificateHasTheNodePurposeAndNamesItsNode() {
        assertTrue(NodeCertificate.hasNodePurpose(NODE.certificate()));
        assertEquals(List.of("node-1"), NodeCertificate.namedNodes(NODE.certificate()));
        assertTrue(NodeCertificate.identifies(NODE.certificate(), "node-1"));
    }

    @Test
    void nodeCertificateDoesNotIdentifyAnotherNode() {
        assertFalse(NodeCertificate.identifies(NODE.certificate(), "node-2"));
    }

    @Test
    void serverCertificateDoesNotIdentifyANodeEvenWithItsCommonName() {
        Credential old = CA.issueServer("meshgate-node-node-1", List.of("localhost"), List.of(), DAY);

        assertFalse(NodeCertificate.identifies(old.certificate(), "node-1"));
    }

    @Test
    void certificateWithThePurposeButNoNodeUriIdentifiesNoNode() {
        Instant now = Instant.now();
        Credential unnamed = CA.issue("unnamed", List.of(Usage.SERVER_AUTH, Usage.MESHGATE_NODE), now,
                now.plus(DAY), List.of("localhost"), List.of());

        assertTrue(NodeCertificate.hasNodePurpose(unnamed.certificate()));
        assertEquals(List.of(), NodeCertificate.namedNodes(unnamed.certificate()));
        assertFalse(NodeCertificate.identifies(unnamed.certificate(), "unnamed"));
    }

    @Test
    void certificateNamingTwoNodesIdentifiesNeither() throws Exception {
        Credential two = Forge.signedBy(CA.credential(), "two", b -> {
            Forge.endEntity(b);
            Forge.digitalSignature(b);
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(Usage.MESHGATE_NODE.purpose()));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.uniformResourceIdentifier, "urn:meshgate:node:node-1"),
                    new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.org/"),
                    new GeneralName(GeneralName.uniformResourceIdentifier, "urn:meshgate:node:node-2")}));
        });

        assertEquals(List.of("node-1", "node-2"), NodeCertificate.namedNodes(two.certificate()));
        assertFalse(NodeCertificate.identifies(two.certificate(), "node-1"));
    }
}

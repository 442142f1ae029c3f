package io.meshgate.crypto.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What an end-entity certificate may be used for: its extended key usage. */
public enum Usage {
    /** TLS server authentication (id-kp-serverAuth). */
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth, "server authentication"),
    /** TLS client authentication (id-kp-clientAuth). */
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth, "client authentication"),
    /**
     * A meshgate node's identity in the secure channel (id-kp-meshgateNode, a UUID-derived OID
     * under {@code 2.25}): only node certificates carry it, never nginx's or a client's, so that a
     * client can tell the node's SERVER_HELLO signature from the TLS terminator's (see
     * {@link NodeCertificate}).
     */
    MESHGATE_NODE(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("2.25.108841696860750190973114447637860581141")),
            "meshgate node identity");

    private final KeyPurposeId purpose;
    private final String description;

    Usage(KeyPurposeId purpose, String description) {
        this.purpose = purpose;
        this.description = description;
    }

    /** The extended key usage object identifier, dotted. */
    public String oid() {
        return purpose.getId();
    }

    /** What the usage is, in words ("client authentication"). */
    public String description() {
        return description;
    }

    KeyPurposeId purpose() {
        return purpose;
    }
}

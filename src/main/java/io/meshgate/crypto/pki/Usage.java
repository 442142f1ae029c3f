package io.meshgate.crypto.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What an end-entity certificate may be used for: its extended key usage. */
public enum Usage {
    /** TLS server authentication (id-kp-serverAuth). */
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth, "server authentication"),
    /** TLS client authentication (id-kp-clientAuth). */
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth, "client authentication");

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

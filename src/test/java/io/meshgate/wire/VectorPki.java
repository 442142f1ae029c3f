package io.meshgate.wire;

import io.meshgate.crypto.Ecdsa;
import io.meshgate.crypto.P256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.operator.ContentSigner;

/**
 * The fixed PKI of the cross-language protocol vectors: keys whose scalars are derived from their
 * names, certificates with fixed serials and validity, signed deterministically (RFC 6979 through
 * {@link Ecdsa#sign}), so that the same bytes come out on every run.
 *
 * <p>A node certificate carries the extended key usage {@value #NODE_PURPOSE} and one subject
 * alternative name URI {@code urn:meshgate:node:<nodeId>}; the access point's (nginx's) does not.
 */
final class VectorPki {

    /** id-kp-meshgateNode: the key purpose only node certificates carry. */
    static final String NODE_PURPOSE = "2.25.108841696860750190973114447637860581141";
    /** The prefix of the subject alternative name URI that names a node. */
    static final String NODE_URI_PREFIX = "urn:meshgate:node:";
    /** The instant at which every chain of the vectors is checked. */
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2044-01-01T00:00:00Z");

    /** One fixed certificate with its key. */
    record Entry(String name, X509Certificate certificate, PrivateKey key, String role) {
        byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    VectorPki() {
        Entry ca = root("ca", "meshgate vectors root");
        Entry otherCa = root("otherCa", "another root");
        Entry intermediate = add("intermediate", "an intermediate CA below the root", ca, "meshgate vectors intermediate",
                b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }, FROM, TO);
        Entry client = add("client", "the client's certificate (clientAuth)", ca, "alice",
                b -> leaf(b, List.of(KeyPurposeId.id_kp_clientAuth), List.of()), FROM, TO);
        add("node", "node-1's certificate: serverAuth, id-kp-meshgateNode and urn:meshgate:node:node-1", ca, "node-1",
                b -> node(b, "node-1"), FROM, TO);
        add("nginx", "the access point's certificate: serverAuth and a DNS name, no node identity", ca,
                "meshgate-nginx", b -> leaf(b, List.of(KeyPurposeId.id_kp_serverAuth),
                        List.of(new GeneralName(GeneralName.dNSName, "localhost"))), FROM, TO);
        add("node2", "node-2's certificate, issued by the intermediate", intermediate, "node-2",
                b -> node(b, "node-2"), FROM, TO);
        add("expiredNode", "a node certificate that expired before the vectors' instant", ca, "node-1",
                b -> node(b, "node-1"), FROM, Instant.parse("2025-01-01T00:00:00Z"));
        add("strangerNode", "a node certificate issued by another root", otherCa, "node-1",
                b -> node(b, "node-1"), FROM, TO);
        add("unnamedNode", "a certificate with id-kp-meshgateNode but no urn:meshgate:node: name", ca, "node-1",
                b -> leaf(b, List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(
                        new ASN1ObjectIdentifier(NODE_PURPOSE))), List.of(new GeneralName(GeneralName.dNSName,
                        "localhost"))), FROM, TO);
        add("issuedByClient", "a node certificate signed by the client's (end-entity) key", client, "node-9",
                b -> node(b, "node-9"), FROM, TO);
        Entry node = entries.get("node");
        byte[] tampered = node.der();
        tampered[tampered.length - 1] ^= 0x01;
        entries.put("tamperedNode", new Entry("tamperedNode", parse(tampered), node.key(),
                "node-1's certificate with one bit of its signature flipped"));
    }

    /** Every certificate, in a fixed order. */
    List<Entry> all() {
        return List.copyOf(entries.values());
    }

    Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no vector certificate " + name);
        }
        return e;
    }

    /** The named certificates, in order. */
    List<X509Certificate> chain(String... names) {
        List<X509Certificate> out = new ArrayList<>();
        for (String n : names) {
            out.add(get(n).certificate());
        }
        return out;
    }

    /** A fixed key pair: the scalar is SHA-256 of the label, reduced into [1, n). */
    static KeyPair keyPair(String label) {
        try {
            BigInteger n = P256.params().getOrder();
            BigInteger d = new BigInteger(1, MessageDigest.getInstance("SHA-256")
                    .digest(("meshgate vectors " + label).getBytes(StandardCharsets.US_ASCII)))
                    .mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            return keyPair(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair of a scalar. */
    static KeyPair keyPair(BigInteger d) {
        try {
            byte[] point = CustomNamedCurves.getByName("secp256r1").getG().multiply(d).normalize().getEncoded(false);
            PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256.params()));
            return new KeyPair(P256.decodeUncompressed(point), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of a DER structure. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    @FunctionalInterface
    private interface Extensions {
        void add(X509v3CertificateBuilder b) throws IOException;
    }

    private Entry root(String name, String commonName) {
        return add(name, "a self-signed root CA", null, commonName, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }, FROM, TO);
    }

    private Entry add(String name, String role, Entry issuer, String commonName, Extensions extensions, Instant from,
                      Instant to) {
        KeyPair pair = keyPair("certificate " + name);
        X500Name subject = new X500Name("CN=" + commonName);
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        BigInteger serial = new BigInteger(1, Arrays.copyOf(sha256("serial " + name), 16)).setBit(126).clearBit(127);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(from),
                    Date.from(to), subject, pair.getPublic());
            extensions.add(b);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
            }
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
            Entry e = new Entry(name, parse(b.build(signer(signingKey)).getEncoded()), pair.getPrivate(), role);
            entries.put(name, e);
            return e;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build vector certificate " + name, e);
        }
    }

    private static void node(X509v3CertificateBuilder b, String nodeId) throws IOException {
        leaf(b, List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(new ASN1ObjectIdentifier(NODE_PURPOSE))),
                List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.uniformResourceIdentifier, NODE_URI_PREFIX + nodeId)));
    }

    private static void leaf(X509v3CertificateBuilder b, List<KeyPurposeId> purposes, List<GeneralName> names)
            throws IOException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        }
    }

    /** ecdsa-with-SHA256 with RFC 6979 nonces: the same signature for the same key and data. */
    private static ContentSigner signer(PrivateKey key) {
        return new ContentSigner() {
            private final ByteArrayOutputStream data = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                byte[] rs = Ecdsa.sign(key, data.toByteArray());
                try {
                    return new DERSequence(new ASN1Encodable[] {
                        new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 32))),
                        new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)))}).getEncoded();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

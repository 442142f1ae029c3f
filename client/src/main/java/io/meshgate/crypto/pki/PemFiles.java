package io.meshgate.crypto.pki;

import io.meshgate.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM and PKCS#12 files: X.509 certificates ("CERTIFICATE"), unencrypted PKCS#8 EC private keys
 * ("PRIVATE KEY"), and password-protected PKCS#12 key stores holding a key, its certificate and
 * the chain, for browsers and Java clients.
 *
 * <p>Every write goes to a temporary file in the target's directory, created with owner-only
 * permissions, then atomically renamed over the target: an existing file is replaced whole, never
 * truncated in place, and a private key is never readable by others, not even for a moment. On
 * POSIX file systems private keys and PKCS#12 files end with {@code rw-------}, certificates with
 * {@code rw-r--r--} (exactly, whatever the umask).
 *
 * <p>PEM is read with BouncyCastle's {@link PEMParser} and written with its {@link PemWriter}
 * (bcpkix and bcprov, already the project's PKI libraries); the key material then passes through
 * their buffers, which cannot be wiped.
 *
 * <p>Unparseable content is a {@link CryptoException} with {@code MALFORMED}; I/O failures are
 * {@link IOException}s.
 */
public final class PemFiles {

    /** Permissions of private key and PKCS#12 files. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Permissions of certificate (and other public) files. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private PemFiles() {
    }

    /** Writes one certificate as PEM, mode {@code rw-r--r--}. */
    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        writeCertificates(file, List.of(certificate));
    }

    /** Writes certificates as consecutive PEM blocks (a chain: leaf first), mode {@code rw-r--r--}. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509Certificate c : certificates) {
            try {
                pem(out, CERTIFICATE, c.getEncoded());
            } catch (CertificateException e) {
                throw new CryptoException(CryptoException.Reason.MALFORMED, "cannot encode a certificate", e);
            }
        }
        write(file, out.toByteArray(), PUBLIC);
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        return readCertificates(file).get(0);
    }

    /** All certificates in a PEM file, in file order; there must be at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : objects(file)) {
            if (o instanceof X509CertificateHolder holder) {
                out.add(certificate(holder, file));
            }
        }
        if (out.isEmpty()) {
            throw malformed("no CERTIFICATE block in " + file);
        }
        return List.copyOf(out);
    }

    /** Writes a private key as an unencrypted PKCS#8 PEM ("PRIVATE KEY"), mode {@code rw-------}. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "the key has no PKCS#8 encoding");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pem(out, PRIVATE_KEY, der);
        Arrays.fill(der, (byte) 0);
        byte[] bytes = out.toByteArray();
        try {
            write(file, bytes, PRIVATE);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The EC private key in an unencrypted PKCS#8 PEM file (the first "PRIVATE KEY" block). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        for (Object o : objects(file)) {
            if (o instanceof PrivateKeyInfo info) {
                try {
                    PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
                    if (key instanceof ECPrivateKey) {
                        return key;
                    }
                } catch (PEMException e) {
                    // not a key the JDK can make: refused below
                }
                throw malformed("not an EC PKCS#8 private key: " + file);
            }
        }
        throw malformed("no unencrypted PRIVATE KEY block in " + file);
    }

    /**
     * Writes a PKCS#12 key store, mode {@code rw-------}, with one entry: the credential's key and
     * its chain, under the certificate's common name as alias. The JDK's default PKCS#12
     * protection is used (AES-256 and HMAC-SHA256 on current JDKs).
     */
    public static void writePkcs12(Path file, Credential credential, char[] password) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias(credential.certificate()), credential.key(), password,
                    credential.chain().toArray(Certificate[]::new));
            ks.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_KEY, "cannot build a PKCS#12 key store", e);
        }
        byte[] bytes = out.toByteArray();
        try {
            write(file, bytes, PRIVATE);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key entry of a PKCS#12 file (the first one, in alias order) and its chain. */
    public static Credential readPkcs12(Path file, char[] password) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(content), password);
            List<String> aliases = Collections.list(ks.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (ks.isKeyEntry(alias)) {
                    Key key = ks.getKey(alias, password);
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (!(key instanceof PrivateKey pk) || chain == null || chain.length == 0) {
                        continue;
                    }
                    List<X509Certificate> certs = new ArrayList<>();
                    for (Certificate c : chain) {
                        certs.add((X509Certificate) c);
                    }
                    return new Credential(certs.get(0), pk, certs);
                }
            }
            throw malformed("no private key entry in " + file);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED,
                    "cannot open " + file + ": wrong password or not a PKCS#12 file", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Writes bytes through a temporary owner-only file renamed over the target, then sets the
     * given permissions (when the file system has POSIX permissions).
     */
    static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = isPosix(target.getFileSystem());
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                out.write(content);
            }
            if (posix) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static boolean isPosix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }

    /** Appends one PEM block (64-character lines, as RFC 7468 says) with BouncyCastle's writer. */
    private static void pem(ByteArrayOutputStream out, String label, byte[] der) {
        try (PemWriter w = new PemWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII))) {
            w.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
    }

    /**
     * The objects of a PEM file in file order, as BouncyCastle's {@link PEMParser} reads them
     * (text around the blocks is skipped; an unknown block label is an error).
     */
    private static List<Object> objects(Path file) throws IOException {
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))) {
            while (true) {
                Object o;
                try {
                    o = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    throw new CryptoException(CryptoException.Reason.MALFORMED,
                            "unreadable PEM in " + file + ": " + e.getMessage(), e);
                }
                if (o == null) {
                    return out;
                }
                out.add(o);
            }
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder, Path file) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CryptoException(CryptoException.Reason.MALFORMED, "not an X.509 certificate in " + file, e);
        }
    }

    private static String alias(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 0 ? "meshgate" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    private static CryptoException malformed(String message) {
        return new CryptoException(CryptoException.Reason.MALFORMED, message);
    }

    /**
     * A credential from PEM files: the certificate (or its chain, leaf first) and its PKCS#8 key,
     * with the root appended to the chain when the file does not end with it.
     */
    public static Credential readCredential(Path certificate, Path privateKey, X509Certificate root)
            throws IOException {
        List<X509Certificate> chain = new java.util.ArrayList<>(readCertificates(certificate));
        if (!chain.contains(root)) {
            chain.add(root);
        }
        return new Credential(chain.get(0), readPrivateKey(privateKey), chain);
    }
}

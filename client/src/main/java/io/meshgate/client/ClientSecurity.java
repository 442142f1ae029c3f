package io.meshgate.client;

import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.PemFiles;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What a client needs for TLS and the secure channel: its own certificate and key, and the root CA
 * that the gateway's certificates must chain to.
 */
public record ClientSecurity(Credential credential, CertificateVerifier serverVerifier) {

    public ClientSecurity {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(serverVerifier, "serverVerifier");
    }

    /**
     * A TLS context that presents this client's certificate and trusts only the root CA (used for
     * {@code wss://} access points).
     */
    public SSLContext tlsContext() {
        try {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", credential.key(), none, credential.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", serverVerifier.trustedRoot());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the client's TLS context", e);
        }
    }

    /** From PEM files: the root CA, the client's certificate (chain) and its PKCS#8 key. */
    public static ClientSecurity fromPem(Path caCertificate, Path certificate, Path privateKey) throws IOException {
        X509Certificate root = PemFiles.readCertificate(caCertificate);
        return new ClientSecurity(PemFiles.readCredential(certificate, privateKey, root), new CertificateVerifier(root));
    }
}

package io.meshgate.client;

import io.meshgate.crypto.pki.CertificateVerifier;
import io.meshgate.crypto.pki.Credential;
import io.meshgate.crypto.pki.PemFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a client needs for the secure channel: its own certificate and key, and the root CA that
 * the gateway's certificates must chain to.
 */
public record ClientSecurity(Credential credential, CertificateVerifier serverVerifier) {

    public ClientSecurity {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(serverVerifier, "serverVerifier");
    }

    /** From PEM files: the root CA, the client's certificate (chain) and its PKCS#8 key. */
    public static ClientSecurity fromPem(Path caCertificate, Path certificate, Path privateKey) throws IOException {
        X509Certificate root = PemFiles.readCertificate(caCertificate);
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(certificate));
        if (!chain.contains(root)) {
            chain.add(root);
        }
        return new ClientSecurity(new Credential(chain.get(0), PemFiles.readPrivateKey(privateKey), chain),
                new CertificateVerifier(root));
    }
}

package io.meshgate.channel;

import java.io.ByteArrayInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * The client certificate that TLS verified for a connection, as the trusted proxy passes it on:
 * the header {@value #HEADER} holding the URL-encoded PEM (nginx's
 * {@code $ssl_client_escaped_cert}). {@link ProxyHeaderFilter} makes sure only a trusted proxy can
 * set it; {@link HandshakeConfigurator} reads it into the session's user properties.
 */
public final class TlsClientCertificate {

    /** The header carrying the verified client certificate. */
    public static final String HEADER = "X-SSL-Client-Cert";
    /** The session user property holding the parsed certificate. */
    public static final String PROPERTY = "meshgate.tlsClientCertificate";

    private TlsClientCertificate() {
    }

    /** The certificate in the upgrade request's headers, or null when there is none or it is unreadable. */
    public static X509Certificate fromHeaders(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()) {
                return parse(h.getValue().get(0));
            }
        }
        return null;
    }

    /** The servlet request attribute holding the chain the node's own TLS listener verified. */
    public static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    /**
     * The client certificate TLS verified for an HTTP request: the one the node's own TLS listener
     * verified, or, on a plain connection from a trusted proxy, the one the proxy passes in
     * {@value #HEADER}; null otherwise (no TLS, or a header from anyone else).
     */
    public static X509Certificate verified(HttpServletRequest request, TrustedProxies proxies) {
        if (request.isSecure()) {
            X509Certificate[] direct = (X509Certificate[]) request.getAttribute(SERVLET_ATTRIBUTE);
            return direct != null && direct.length > 0 ? direct[0] : null;
        }
        String header = request.getHeader(HEADER);
        return header != null && proxies.trusts(request.getRemoteAddr()) ? parse(header) : null;
    }

    /** A request that carries this certificate in the header, whatever the client sent in it. */
    static HttpServletRequest withHeader(HttpServletRequest request, X509Certificate certificate) {
        String value;
        try {
            value = URLEncoder.encode("-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("TLS certificate cannot be encoded", e);
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HEADER.equalsIgnoreCase(name) ? value : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
                names.removeIf(HEADER::equalsIgnoreCase);
                names.add(HEADER);
                return Collections.enumeration(names);
            }
        };
    }

    /** The certificate in a URL-encoded PEM value, or null when it is empty or unreadable. */
    static X509Certificate parse(String escapedPem) {
        if (escapedPem == null || escapedPem.isBlank()) {
            return null;
        }
        try {
            String pem = URLDecoder.decode(escapedPem, StandardCharsets.US_ASCII);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}

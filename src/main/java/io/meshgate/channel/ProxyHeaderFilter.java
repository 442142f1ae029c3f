package io.meshgate.channel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;

/**
 * On the node's own TLS listener, passes the certificate TLS verified on to the WebSocket layer
 * in the client-certificate header (replacing any the client sent). Otherwise refuses, with 403,
 * an upgrade request that carries the client-certificate header
 * ({@value TlsClientCertificate#HEADER}) but does not come from one of the trusted proxy
 * addresses ({@code meshgate.proxy.trusted}, default {@code 127.0.0.1} and {@code ::1}): nobody
 * else may claim that TLS verified a certificate.
 */
@WebFilter(urlPatterns = "/ws")
public class ProxyHeaderFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProxyHeaderFilter.class.getName());

    private transient TrustedProxies trusted;

    @Override
    public void init() {
        trusted = TrustedProxies.fromConfig();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate[] direct = (X509Certificate[]) request.getAttribute(TlsClientCertificate.SERVLET_ATTRIBUTE);
        if (request.isSecure() && direct != null && direct.length > 0) {
            chain.doFilter(TlsClientCertificate.withHeader(request, direct[0]), response);
            return;
        }
        if (request.getHeader(TlsClientCertificate.HEADER) != null && !trusted.trusts(request.getRemoteAddr())) {
            LOG.warning(() -> "refused a client-certificate header from untrusted address " + request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "client certificate header from an untrusted address");
            return;
        }
        chain.doFilter(request, response);
    }
}

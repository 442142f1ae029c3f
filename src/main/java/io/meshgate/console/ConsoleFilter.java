package io.meshgate.console;

import io.meshgate.channel.TlsClientCertificate;
import io.meshgate.channel.TrustedProxies;
import io.meshgate.crypto.pki.CertificateVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets only operators into {@code /console/}, its page and its data alike: the request must come
 * with a client certificate verified by TLS (the node's own listener, or nginx through a trusted
 * proxy address) that {@link Operators} names. Anything else is answered 403 with a body that says
 * why (as JSON under {@code /console/api/}). Allowed responses get a strict content security
 * policy: the page loads nothing from anywhere but the node.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsoleFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsoleFilter.class.getName());
    /** The configuration key naming the operators. */
    public static final String OPERATORS_KEY = "meshgate.console.operators";
    static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private transient TrustedProxies proxies;
    private transient Operators operators;

    @Override
    public void init() {
        proxies = TrustedProxies.fromConfig();
        String config = ConfigProvider.getConfig().getOptionalValue(OPERATORS_KEY, String.class).orElse(null);
        try {
            operators = Operators.parse(config);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, e.getMessage() + "; nobody may open the console");
            operators = Operators.parse(null);
        }
        if (operators.none()) {
            LOG.info(() -> "no console operators configured (" + OPERATORS_KEY + "): /console/ answers 403 to everyone");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate certificate = TlsClientCertificate.verified(request, proxies);
        if (certificate == null) {
            refuse(request, response, "the console needs a client certificate verified by TLS");
            return;
        }
        if (!operators.includes(certificate)) {
            refuse(request, response, "certificate '" + certificate.getSubjectX500Principal().getName()
                    + "' (SHA-256 " + CertificateVerifier.fingerprint(certificate) + ") is not an operator; "
                    + "name it in " + OPERATORS_KEY);
            return;
        }
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        LOG.fine(() -> "console refused to " + request.getRemoteAddr() + ": " + why);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Cache-Control", "no-store");
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/console/api/");
        String body;
        if (api) {
            response.setContentType("application/json;charset=UTF-8");
            body = io.meshgate.wire.Json.mapper().createObjectNode().put("error", "forbidden").put("message", why)
                    .toString();
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            body = "403 Forbidden: " + why + "\n";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}

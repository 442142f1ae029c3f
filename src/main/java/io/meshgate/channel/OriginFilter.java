package io.meshgate.channel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Answers 403, before any WebSocket handshake, an upgrade whose {@code Origin} the
 * {@link OriginPolicy} ({@code meshgate.origins}) does not allow. The access point's own origin is
 * the scheme and {@code Host} the request names: behind a trusted proxy the scheme is the one the
 * proxy reports in {@code X-Forwarded-Proto} (nginx passes the client's {@code Host}, port
 * included). An invalid configuration (a wildcard, a path) is logged once and refuses every
 * upgrade that carries an {@code Origin}.
 */
@WebFilter(urlPatterns = "/ws")
public class OriginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());
    /** The header a trusted proxy names the client's scheme in. */
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private transient OriginPolicy policy;
    private transient TrustedProxies proxies;

    @Override
    public void init() {
        proxies = TrustedProxies.fromConfig();
        String config = ConfigProvider.getConfig().getOptionalValue("meshgate.origins", String.class).orElse(null);
        try {
            policy = OriginPolicy.parse(config);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, e.getMessage() + "; every upgrade with an Origin header is refused");
            policy = OriginPolicy.parse("https://invalid.invalid");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && !policy.allows(origin, ownOrigin(request))) {
            LOG.fine(() -> "refused an upgrade from origin " + origin + " (allowed: " + policy + ")");
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "origin not allowed: " + origin);
            return;
        }
        chain.doFilter(request, response);
    }

    private String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        String forwarded = request.getHeader(FORWARDED_PROTO);
        if (forwarded != null && !request.isSecure() && proxies.trusts(request.getRemoteAddr())) {
            scheme = forwarded.trim();
        }
        String host = request.getHeader("Host");
        if (host == null) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return OriginPolicy.ownOrigin(scheme, host);
    }
}

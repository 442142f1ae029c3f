package io.meshgate.channel;

import io.meshgate.service.Intake;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a WebSocket upgrade with 503 while the node takes no sessions (it is still warming up,
 * or it is draining): nginx then tries the next node ({@code proxy_next_upstream http_503}).
 */
@WebFilter(urlPatterns = "/ws")
public class IntakeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Intake intake;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!intake.sessionsOpen()) {
            response.setHeader("Retry-After", "0");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    intake.open() ? "node is warming up" : "node is draining");
            return;
        }
        chain.doFilter(request, response);
    }
}

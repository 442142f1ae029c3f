package io.meshgate.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code POST /api/drain}: drains this node ({@link Drain}) and then ends its process. Only for
 * operators on the node's own host: the caller's address must be one of {@code meshgate.admin.allowed}
 * (default loopback) and the request must not have come through a proxy (no
 * {@code X-Forwarded-For}); anyone else gets 403. Answers 202 at once; the drain runs on its own
 * thread.
 */
@WebServlet("/api/drain")
public class DrainServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DrainServlet.class.getName());

    @Inject
    transient Drain drain;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Set<String> allowed = Arrays.stream(ConfigProvider.getConfig()
                        .getOptionalValue("meshgate.admin.allowed", String.class).orElse("127.0.0.1,0:0:0:0:0:0:0:1,::1")
                        .split(",")).map(String::trim).collect(Collectors.toUnmodifiableSet());
        if (!allowed.contains(req.getRemoteAddr()) || req.getHeader("X-Forwarded-For") != null) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "drain is for operators on the node's host");
            return;
        }
        Thread t = new Thread(() -> {
            try {
                drain.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "drain failed; exiting anyway", e);
            }
            LOG.info("drained; the process exits");
            System.exit(0);
        }, "meshgate-drain");
        t.start();
        resp.setStatus(HttpServletResponse.SC_ACCEPTED);
        resp.setContentType("application/json");
        resp.getWriter().write("{\"draining\":true}");
    }
}

package io.meshgate.console;

import io.meshgate.cluster.ClusterView;
import io.meshgate.wire.Json;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/** Serves the console's data at {@code /console/api/cluster} (see {@link ConsoleView}); {@link ConsoleFilter} guards it. */
@WebServlet("/console/api/cluster")
public class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient ClusterView view;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        Json.mapper().writeValue(resp.getOutputStream(), ConsoleView.of(view.selfId(), Instant.now(), view.members()));
    }
}

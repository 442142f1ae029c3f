package io.meshgate.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.wire.Json;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Serves this node's view of the cluster at {@code /api/cluster} as JSON. */
@WebServlet("/api/cluster")
public class ClusterServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient NodeIdentity identity;
    @Inject
    transient ClusterView view;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("node", identity.id());
        ArrayNode nodes = root.putArray("nodes");
        for (NodeStatus s : view.members()) {
            ObjectNode n = nodes.addObject();
            n.put("id", s.nodeId()).put("inFlight", s.inFlight()).put("capacity", s.capacity())
                    .put("sessions", s.sessions()).put("seenAt", s.seenAt().toString());
            n.putPOJO("services", s.services());
        }
        resp.setContentType("application/json");
        Json.mapper().writeValue(resp.getOutputStream(), root);
    }
}

package io.meshgate.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who this node is: its id (from {@code meshgate.node.id}, else generated once per process) and
 * the names derived from it. The id is also published as the system properties
 * {@value #ID_PROPERTY} and {@value #REPLY_PROPERTY}, which the reply listener's activation
 * config reads.
 */
@ApplicationScoped
public class NodeIdentity {

    /** Configuration key (system property or {@code MESHGATE_NODE_ID}) of the node id. */
    public static final String ID_PROPERTY = "meshgate.node.id";
    /** System property holding this node's reply destination. */
    public static final String REPLY_PROPERTY = "meshgate.node.replyDestination";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private final String id;

    public NodeIdentity() {
        this.id = resolve();
    }

    /** The node id. */
    public String id() {
        return id;
    }

    /** The anycast address whose queue receives this node's replies. */
    public String replyDestination() {
        return replyDestination(id);
    }

    /** The reply destination of any node. */
    public static String replyDestination(String nodeId) {
        return "meshgate.node." + nodeId + ".reply";
    }

    /**
     * The configured id, or a generated one; either way also set as system properties so that
     * every later reader (activation config included) sees the same id. Idempotent.
     */
    static synchronized String resolve() {
        String configured = System.getProperty(ID_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("MESHGATE_NODE_ID");
        }
        if (configured == null || configured.isBlank()) {
            byte[] b = new byte[4];
            new SecureRandom().nextBytes(b);
            configured = "node-" + HexFormat.of().formatHex(b);
        }
        if (!VALID_ID.matcher(configured).matches()) {
            throw new IllegalStateException("meshgate.node.id '" + configured + "' must match " + VALID_ID.pattern());
        }
        System.setProperty(ID_PROPERTY, configured);
        System.setProperty(REPLY_PROPERTY, replyDestination(configured));
        return configured;
    }
}

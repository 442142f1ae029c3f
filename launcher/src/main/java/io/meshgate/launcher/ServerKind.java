package io.meshgate.launcher;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The application servers a local cluster's nodes can run on. */
public enum ServerKind {
    /**
     * Payara Micro 6, with meshgate's own Artemis resource adapter deployed beside the WAR. Payara
     * Micro occasionally fails a boot-time deployment (a race inside its deployment of the adapter
     * on a loaded machine) and still says it is ready.
     */
    PAYARA(List.of(") ready in "), "Boot Command deploy failed"),
    /**
     * WildFly (standalone-full), with its messaging subsystem's pooled connection factory to the
     * broker: WFLYSRV0025 "started", or WFLYSRV0026 "started (with errors)", such as a failed deployment.
     */
    WILDFLY(List.of("WFLYSRV0025", "WFLYSRV0026"), "WFLYSRV0026");

    private final List<String> booted;
    private final String bootFailed;

    ServerKind(List<String> booted, String bootFailed) {
        this.booted = booted;
        this.bootFailed = bootFailed;
    }

    /** Whether the part of a node's log written since byte {@code from} says the server has booted, with or without errors. */
    boolean booted(Path log, long from) {
        return Readiness.logShowsAny(log, from, booted);
    }

    /** Whether the part of a node's log written since byte {@code from} says a deployment failed at boot. */
    boolean bootFailed(Path log, long from) {
        return Readiness.logShows(log, from, bootFailed);
    }

    /** The name on the command line and in the state file: {@code payara}, {@code wildfly}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of this label. */
    @JsonCreator
    public static ServerKind of(String label) {
        for (ServerKind k : values()) {
            if (k.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("no server '" + label.trim() + "': payara or wildfly");
    }

    /**
     * Each node's server from a comma-separated list: one name for every node
     * ({@code wildfly}), or one per node ({@code payara,wildfly,payara} for three nodes).
     */
    public static List<ServerKind> perNode(String list, int nodes) {
        List<ServerKind> named = new ArrayList<>();
        for (String label : list.split(",", -1)) {
            named.add(of(label));
        }
        if (named.size() == 1) {
            return java.util.Collections.nCopies(nodes, named.get(0));
        }
        if (named.size() != nodes) {
            throw new IllegalArgumentException(named.size() + " servers named for " + nodes
                    + " nodes: name one for all nodes, or one per node");
        }
        return List.copyOf(named);
    }
}

package io.meshgate.launcher;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The faults {@code bin/meshgate chaos} knows, by the name the command takes. */
public enum Scenario {
    KILL_PROCESSING("kill-processing"),
    KILL_INGRESS("kill-ingress"),
    KILL_BROKER("kill-broker"),
    TERM_NODE("term-node"),
    ROLLING_RESTART("rolling-restart"),
    NGINX_RELOAD("nginx-reload");

    private final String id;

    Scenario(String id) {
        this.id = id;
    }

    /** The name on the command line, e.g. {@code kill-broker}. */
    public String id() {
        return id;
    }

    /** The scenario of a name, if there is one. */
    public static Optional<Scenario> named(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Every scenario's name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", "));
    }

    /** The fault of this scenario on a cluster; {@code down} is how long kill-broker keeps the broker dead. */
    Fault fault(ClusterProcesses processes, Duration down) {
        return switch (this) {
            case KILL_PROCESSING -> new KillProcessingNode(processes);
            case KILL_INGRESS -> new KillIngressNode(processes);
            case KILL_BROKER -> new KillBroker(processes, down);
            case TERM_NODE -> new TermNode(processes);
            case ROLLING_RESTART -> new RollingRestart(processes);
            case NGINX_RELOAD -> new NginxReload(processes);
        };
    }
}

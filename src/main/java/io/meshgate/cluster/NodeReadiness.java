package io.meshgate.cluster;

/** Whether this node can serve ({@code /health/ready}); implemented by the health checks, read by heartbeats. */
public interface NodeReadiness {

    /** Whether every readiness check holds now. */
    boolean ready();
}

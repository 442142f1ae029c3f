package io.meshgate.cluster;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Fixes the node id as early as the application starts, so that a generated id is already a
 * system property when the container activates the reply listener.
 */
public class NodeIdExtension implements Extension {

    void fixNodeId(@Observes BeforeBeanDiscovery event) {
        NodeIdentity.resolve();
    }
}

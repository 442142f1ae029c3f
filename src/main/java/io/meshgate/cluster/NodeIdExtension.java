package io.meshgate.cluster;

import io.meshgate.messaging.ListenerActivations;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Runs first when the application starts: fixes the node id and starts watching the adapter's
 * listener activations (before the container activates any listener).
 */
public class NodeIdExtension implements Extension {

    void fixNodeId(@Observes BeforeBeanDiscovery event) {
        NodeIdentity.resolve();
        ListenerActivations.install();
    }
}

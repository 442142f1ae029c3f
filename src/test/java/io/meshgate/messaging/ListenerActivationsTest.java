package io.meshgate.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenerActivationsTest {

    private static final String SETUP = "Setup complete org.apache.activemq.artemis.ra.inflow.ActiveMQActivation("
            + "spec=org.apache.activemq.artemis.ra.inflow.ActiveMQActivationSpec "
            + "mepf=com.sun.enterprise.connectors.inbound.ConnectorMessageBeanClient active=true "
            + "destination=meshgate.service.echo transacted=false)";
    private static final String TEARDOWN = "Tearing down complete org.apache.activemq.artemis.ra.inflow."
            + "ActiveMQActivation(spec=org.apache.activemq.artemis.ra.inflow.ActiveMQActivationSpec "
            + "mepf=com.sun.enterprise.connectors.inbound.ConnectorMessageBeanClient active=false "
            + "destination=meshgate.service.echo transacted=false)";

    private final ListenerActivations activations = new ListenerActivations();

    @Test
    void completedSetupMarksTheDestinationActive() {
        activations.accept(SETUP);

        assertTrue(activations.isActive("meshgate.service.echo"));
    }

    @Test
    void completedTeardownMarksItInactiveAgain() {
        activations.accept(SETUP);
        activations.accept(TEARDOWN);

        assertFalse(activations.isActive("meshgate.service.echo"));
    }

    @Test
    void setupStillInProgressDoesNotCount() {
        activations.accept("Setting up org.apache.activemq.artemis.ra.inflow.ActiveMQActivationSpec(ra=x "
                + "destination=meshgate.service.echo destinationType=jakarta.jms.Topic)");

        assertFalse(activations.isActive("meshgate.service.echo"));
    }

    @Test
    void otherDestinationsStayInactive() {
        activations.accept(SETUP);

        assertFalse(activations.isActive("meshgate.service.time"));
    }

    @Test
    void unrelatedAndNullMessagesAreIgnored() {
        activations.accept(null);
        activations.accept("Using queue connection ClientSessionImpl [name=x]");

        assertFalse(activations.isActive("meshgate.service.echo"));
    }
}

package io.meshgate.routing;

import io.meshgate.messaging.JmsEnvelopes;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Receives this node's reply destination (its name comes from the node id, through the system
 * property {@code meshgate.node.replyDestination}) and hands each reply (one, or each of a batch)
 * to the {@link RequestRouter}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "meshgate-ra"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destination",
                propertyValue = "meshgate.node.${MPCONFIG=meshgate.node.id}.reply"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplyListener implements MessageListener {

    @Inject
    RequestRouter router;

    @Override
    public void onMessage(Message message) {
        JmsEnvelopes.readAll(message).forEach(router::onReply);
    }
}

package io.meshgate.service;

import io.meshgate.messaging.JmsEnvelopes;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The message-driven bean that takes requests from one service's shared subscription. It is not
 * annotated: {@code WEB-INF/ejb-jar.xml}, generated at build time, declares it once per
 * {@link MeshService} with that service's topic and subscription. It only translates the message
 * and hands it to the {@link ServiceDispatcher}; a message it cannot read is thrown back to the
 * broker, which redelivers it and then moves it to the dead-letter address.
 */
public class RequestListener implements MessageListener {

    @Inject
    ServiceDispatcher dispatcher;

    @Override
    public void onMessage(Message message) {
        dispatcher.onRequest(JmsEnvelopes.read(message), JmsEnvelopes.redelivered(message));
    }
}

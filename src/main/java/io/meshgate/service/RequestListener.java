package io.meshgate.service;

import io.meshgate.messaging.JmsEnvelopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;

/**
 * Takes the requests of every service from the message-driven beans that
 * {@code MeshServiceProcessor} generates, one per {@link MeshService} (in this WAR and in any WAR
 * built on it). It only translates the message (one request, or a batch) and hands it to
 * {@link RequestBatches}; a
 * message it cannot read is thrown back to the broker, which redelivers it and then moves it to
 * the dead-letter address.
 */
@ApplicationScoped
public class RequestListener implements ServiceRequests {

    @Inject
    RequestBatches requests;

    @Override
    public void onMessage(Message message) {
        requests.run(JmsEnvelopes.readAll(message), JmsEnvelopes.redelivered(message));
    }
}

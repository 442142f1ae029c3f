package io.meshgate.service;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Where the message-driven bean generated for each {@link MeshService} hands the requests it
 * takes from the service's topic. The gateway provides the one CDI bean of this type; a service's
 * own code never calls it. It is a {@link MessageListener} so that, like every other listener of
 * the gateway, it only translates the message and hands it off.
 */
public interface ServiceRequests extends MessageListener {
}

package io.meshgate.service.samples;

import io.meshgate.service.MeshService;
import io.meshgate.service.ServiceCall;
import io.meshgate.service.ServiceHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers every request with its own params: the simplest round trip through the cluster. */
@ApplicationScoped
@MeshService("echo")
public class EchoService implements ServiceHandler {

    @Inject
    ExecutionJournal journal;

    @Override
    public Object handle(ServiceCall call) {
        journal.ran(call);
        return call.params();
    }
}

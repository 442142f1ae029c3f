package io.meshgate.service;

import io.meshgate.envelope.Attributes;
import io.meshgate.envelope.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the requests of one message: one, or the members of a batch. Each member is a request of
 * its own to the {@link ServiceDispatcher}: its deadline, the load filter's decision (a node may
 * take some members and decline the rest) and its delivery semantics apply to it alone.
 *
 * <p>A batch's members run one after another on the listener's thread while each is of a service
 * and operation whose handlers have been quick lately ({@link HandlerTimes}: under
 * {@code meshgate.batch.inlineMicros} on average) and the batch has run for less than that. The
 * replies of the members run here leave together when the batch is done
 * ({@link ReplySender#together}), in one message per requesting node, or before a member that is
 * not known to be quick runs, so that they never wait for it. At
 * the first member that is not, the members after it go back to their topic, each as a message of
 * its own, and that member runs: so a slow handler never holds others behind it, and a service's
 * {@code consumers} still bound how many of its requests a node runs at once.
 *
 * <p>The call returns once every member was run or passed back, so that the message is
 * acknowledged only then: a node that dies before has the whole batch delivered again, and each
 * member is then treated as any redelivered request, the members passed back too (the node that
 * died may have passed them back already: an at-most-once member is answered {@code INTERRUPTED}
 * rather than sent again). The first failure of a member is thrown after the others were handled.
 *
 * <p>Thread-safe; runs on the listener's thread.
 */
@ApplicationScoped
public class RequestBatches {

    @Inject
    ServiceDispatcher dispatcher;
    @Inject
    @ConfigProperty(name = "meshgate.batch.inlineMicros", defaultValue = "500")
    long inlineMicros;

    @Inject
    HandlerTimes times;
    @Inject
    ReplySender replies;

    /**
     * Handles every request of one message; {@code redelivered} when the broker gave the message
     * to a consumer before.
     */
    public void run(List<Envelope> requests, boolean redelivered) {
        if (requests.size() == 1) {
            dispatcher.onRequest(requests.get(0), redelivered);
            return;
        }
        replies.together(() -> runAll(requests, redelivered));
    }

    private void runAll(List<Envelope> requests, boolean redelivered) {
        long limit = TimeUnit.MICROSECONDS.toNanos(inlineMicros);
        long start = System.nanoTime();
        RuntimeException first = null;
        for (int i = 0; i < requests.size(); i++) {
            Envelope request = requests.get(i);
            boolean last = i == requests.size() - 1;
            boolean quick = quick(request, limit);
            boolean inline = last || (quick && System.nanoTime() - start < limit);
            if (!inline) {
                first = passBack(requests.subList(i + 1, requests.size()), redelivered, first);
            }
            try {
                if (!quick) {
                    replies.releaseHeld();
                }
                dispatcher.onRequest(request, redelivered);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
            if (!inline) {
                break;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private RuntimeException passBack(List<Envelope> rest, boolean redelivered, RuntimeException first) {
        for (Envelope e : rest) {
            try {
                dispatcher.passBack(e, redelivered);
            } catch (RuntimeException failure) {
                first = first == null ? failure : first;
            }
        }
        return first;
    }

    private boolean quick(Envelope request, long limit) {
        return times.quick(request.subject(), request.stringExtension(Attributes.OPERATION), limit);
    }
}

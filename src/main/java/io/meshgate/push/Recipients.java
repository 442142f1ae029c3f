package io.meshgate.push;

import io.meshgate.envelope.MeshPush;
import io.meshgate.wire.MeshgateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sessions of this node that can receive pushes: each with its client identity (or none) and
 * the topics it subscribed to, indexed by session, identity and topic; and the sessions that
 * ended here for good in the last while, so that a push to one of them is known to be dropped
 * rather than meant for another node.
 *
 * <p>Plain class; every method takes this object's lock, and {@link #matching} returns a copy, so
 * that sends happen outside the lock.
 */
final class Recipients {

    /** A session's place in the table. */
    private static final class Entry {
        final String identity;
        final PushRecipient recipient;
        final Set<String> topics = new LinkedHashSet<>();

        Entry(String identity, PushRecipient recipient) {
            this.identity = identity;
            this.recipient = recipient;
        }
    }

    private final int maxTopicsPerSession;
    private final int maxGone;
    private final Duration goneFor;
    private final Clock clock;
    private final Map<String, Entry> sessions = new HashMap<>();
    private final Map<String, Set<String>> byIdentity = new HashMap<>();
    private final Map<String, Set<String>> byTopic = new HashMap<>();
    /** Sessions that ended on this node for good, oldest first, with when they ended. */
    private final LinkedHashMap<String, Instant> gone = new LinkedHashMap<>();
    private int subscriptions;

    /**
     * @param maxTopicsPerSession how many topics one session may subscribe to
     * @param maxGone             how many ended sessions are remembered at most
     * @param goneFor             how long an ended session is remembered
     */
    Recipients(int maxTopicsPerSession, int maxGone, Duration goneFor, Clock clock) {
        if (maxTopicsPerSession < 1) {
            throw new IllegalArgumentException("a session must be allowed at least one topic");
        }
        this.maxTopicsPerSession = maxTopicsPerSession;
        this.maxGone = maxGone;
        this.goneFor = goneFor;
        this.clock = clock;
    }

    /** A session can receive pushes from now on; {@code identity} is null for a session without one. */
    synchronized void attach(String sessionId, String identity, PushRecipient recipient) {
        remove(sessionId);
        gone.remove(sessionId);
        Entry e = new Entry(identity, recipient);
        sessions.put(sessionId, e);
        if (identity != null) {
            byIdentity.computeIfAbsent(identity, k -> new LinkedHashSet<>()).add(sessionId);
        }
    }

    /**
     * A session left this node. {@code forGood}: it ended (its client closed it, or the node closed
     * it for a fault), so pushes to it are counted as dropped here; otherwise its connection dropped
     * and it may be resumed on another node, which then receives its pushes.
     */
    synchronized void detach(String sessionId, boolean forGood) {
        if (remove(sessionId) && forGood) {
            gone.put(sessionId, clock.instant());
            forgetOldGone();
        }
    }

    /**
     * The connection that was session {@code connectionId} now carries the resumed session
     * {@code resumedId}: it keeps its recipient and identity under the resumed id and subscribes to
     * {@code topics}, as many as the limit allows (a client sends only topics a node accepted).
     *
     * @return the resumed session's topics
     */
    synchronized List<String> resumed(String connectionId, String resumedId, Collection<String> topics) {
        Entry e = sessions.get(connectionId);
        if (e == null) {
            return List.of();
        }
        remove(connectionId);
        attach(resumedId, e.identity, e.recipient);
        List<String> keep = new ArrayList<>();
        for (String t : topics) {
            if (keep.size() < maxTopicsPerSession && !keep.contains(t)) {
                keep.add(t);
            }
        }
        return subscribe(resumedId, keep);
    }

    /**
     * Subscribes a session to topics, all or none.
     *
     * @return the session's topics, sorted
     * @throws MeshgateException BAD_REQUEST "a session may subscribe to at most 64 topics" when the
     *     session would hold more than the limit
     */
    synchronized List<String> subscribe(String sessionId, Collection<String> topics) {
        Entry e = sessions.get(sessionId);
        if (e == null) {
            return List.of();
        }
        Set<String> after = new LinkedHashSet<>(e.topics);
        after.addAll(topics);
        if (after.size() > maxTopicsPerSession) {
            throw MeshgateException.badRequest("a session may subscribe to at most " + maxTopicsPerSession + " topics");
        }
        for (String t : topics) {
            if (e.topics.add(t)) {
                byTopic.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(sessionId);
                subscriptions++;
            }
        }
        return new ArrayList<>(new TreeSet<>(e.topics));
    }

    /** Ends a session's subscriptions to these topics (those it does not have are ignored); its topics after, sorted. */
    synchronized List<String> unsubscribe(String sessionId, Collection<String> topics) {
        Entry e = sessions.get(sessionId);
        if (e == null) {
            return List.of();
        }
        for (String t : topics) {
            if (e.topics.remove(t)) {
                unindex(byTopic, t, sessionId);
                subscriptions--;
            }
        }
        return new ArrayList<>(new TreeSet<>(e.topics));
    }

    /** The recipients on this node that a push to {@code to}/{@code target} reaches (a copy). */
    synchronized List<PushRecipient> matching(MeshPush.To to, String target) {
        Collection<String> ids = switch (to) {
            case SESSION -> sessions.containsKey(target) ? List.of(target) : List.of();
            case IDENTITY -> byIdentity.getOrDefault(target, Set.of());
            case TOPIC -> byTopic.getOrDefault(target, Set.of());
        };
        List<PushRecipient> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(sessions.get(id).recipient);
        }
        return out;
    }

    /** Whether the session ended on this node for good, recently. */
    synchronized boolean endedHere(String sessionId) {
        forgetOldGone();
        return gone.containsKey(sessionId);
    }

    /** Sessions that can receive pushes. */
    synchronized int sessions() {
        return sessions.size();
    }

    /** Session-topic pairs. */
    synchronized int subscriptions() {
        return subscriptions;
    }

    private boolean remove(String sessionId) {
        Entry e = sessions.remove(sessionId);
        if (e == null) {
            return false;
        }
        if (e.identity != null) {
            unindex(byIdentity, e.identity, sessionId);
        }
        for (String t : e.topics) {
            unindex(byTopic, t, sessionId);
        }
        subscriptions -= e.topics.size();
        return true;
    }

    private static void unindex(Map<String, Set<String>> index, String key, String sessionId) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(sessionId) && ids.isEmpty()) {
            index.remove(key);
        }
    }

    private void forgetOldGone() {
        Instant oldest = clock.instant().minus(goneFor);
        for (Iterator<Instant> it = gone.values().iterator(); it.hasNext(); ) {
            Instant at = it.next();
            if (gone.size() <= maxGone && !at.isBefore(oldest)) {
                break;
            }
            it.remove();
        }
    }
}

package io.meshgate.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a push topic may be: 1 to 128 characters, letters, digits, {@code .}, {@code _}, {@code -}
 * and {@code :}, starting with a letter or digit; matched exactly (no wildcards). One
 * {@code subscribe}, {@code unsubscribe} or {@code resume} names at most {@value #MAX_PER_MESSAGE}.
 * The same rules hold for the topic of a push to a session or an identity (the label the client
 * sees). Plain Java, thread-safe.
 */
public final class Topics {

    /** The syntax of a topic. */
    public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Most topics one message may name. */
    public static final int MAX_PER_MESSAGE = 256;

    private Topics() {
    }

    /**
     * The topic, when it is one.
     *
     * @throws MeshgateException BAD_REQUEST "topic 'a b' must match ..." (a topic longer than 32
     *     characters is cut to 32 and {@code ...} in the message)
     */
    public static String check(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw MeshgateException.badRequest("topic " + (topic == null ? "null" : "'" + abbreviate(topic) + "'")
                    + " must match " + TOPIC.pattern());
        }
        return topic;
    }

    /**
     * The topics of one message, each checked, in their order, duplicates kept (a subscription is a
     * set, so they do no harm).
     *
     * @param allowEmpty whether no topic at all is allowed (a resume of a session without subscriptions)
     * @throws MeshgateException BAD_REQUEST when there are too many or too few, or one is no topic
     */
    public static List<String> checkAll(Collection<String> topics, boolean allowEmpty) {
        if (topics == null) {
            throw MeshgateException.badRequest("topics is required");
        }
        if ((topics.isEmpty() && !allowEmpty) || topics.size() > MAX_PER_MESSAGE) {
            throw wrongCount(allowEmpty);
        }
        List<String> out = new ArrayList<>(topics.size());
        for (String t : topics) {
            out.add(check(t));
        }
        return List.copyOf(out);
    }

    /** The refusal of a message naming too many topics (or none, where some are required). */
    public static MeshgateException wrongCount(boolean allowEmpty) {
        return MeshgateException.badRequest("topics must hold " + (allowEmpty ? 0 : 1) + " to " + MAX_PER_MESSAGE
                + " topics");
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}

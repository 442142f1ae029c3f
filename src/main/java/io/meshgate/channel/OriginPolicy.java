package io.meshgate.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which web origins may open a WebSocket (OWASP's advice against cross-site WebSocket hijacking):
 * an upgrade without an {@code Origin} header (a program such as the Java client, not a page in a
 * browser) is allowed; one with an {@code Origin} is allowed only when that origin is listed. The
 * list comes from {@code meshgate.origins}: origins such as {@code https://portal.example:8443}
 * and the word {@code self}, the access point's own origin (the scheme and {@code Host} the
 * request arrived with). Without configuration the list is {@code self}. A wildcard is refused:
 * a gateway that takes client certificates must not be opened by any page a user happens to
 * visit. Immutable and thread-safe.
 */
public final class OriginPolicy {

    /** The configuration word for the access point's own origin. */
    public static final String SELF = "self";

    private final Set<String> origins;
    private final boolean self;

    private OriginPolicy(Set<String> origins, boolean self) {
        this.origins = Set.copyOf(origins);
        this.self = self;
    }

    /**
     * The policy of a configuration value: origins and {@code self}, separated by commas; null or
     * blank means {@code self}.
     *
     * @throws IllegalArgumentException for {@code *} or anything that is not an origin
     */
    public static OriginPolicy parse(String config) {
        if (config == null || config.isBlank()) {
            return new OriginPolicy(Set.of(), true);
        }
        Set<String> origins = new LinkedHashSet<>();
        boolean self = false;
        for (String entry : config.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("*")) {
                throw new IllegalArgumentException("meshgate.origins: '" + e + "' is not allowed; list each origin "
                        + "(e.g. https://portal.example) or 'self'");
            }
            if (SELF.equalsIgnoreCase(e)) {
                self = true;
                continue;
            }
            String normal = normalize(e);
            if (normal == null) {
                throw new IllegalArgumentException("meshgate.origins: '" + e + "' is not an origin "
                        + "(scheme://host[:port], no path)");
            }
            origins.add(normal);
        }
        return new OriginPolicy(origins, self);
    }

    /**
     * Whether an upgrade may go on.
     *
     * @param origin    the request's {@code Origin} header, or null when it has none
     * @param ownOrigin the access point's origin as the request names it (see {@link #ownOrigin}),
     *                  or null when it cannot be told
     */
    public boolean allows(String origin, String ownOrigin) {
        if (origin == null) {
            return true;
        }
        String o = normalize(origin.trim());
        if (o == null) {
            return false;
        }
        return origins.contains(o) || self && ownOrigin != null && o.equals(normalize(ownOrigin));
    }

    /** The origin a request was addressed to: its scheme and its {@code Host} header ({@code host[:port]}). */
    public static String ownOrigin(String scheme, String host) {
        if (scheme == null || host == null || host.isBlank()) {
            return null;
        }
        return normalize(scheme.toLowerCase(Locale.ROOT) + "://" + host.trim());
    }

    /**
     * An origin in one spelling: scheme and host in lower case, the scheme's default port left out;
     * null when the text is not {@code scheme://host[:port]} (the browser's {@code null} origin
     * included).
     */
    static String normalize(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = u.getScheme();
        String host = u.getHost();
        if (scheme == null || host == null || u.getRawUserInfo() != null || u.getRawQuery() != null
                || u.getRawFragment() != null || !(u.getRawPath() == null || u.getRawPath().isEmpty())) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) || "wss".equals(scheme)) && port == 443
                || ("http".equals(scheme) || "ws".equals(scheme)) && port == 80;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return (self ? "self " : "") + origins;
    }
}

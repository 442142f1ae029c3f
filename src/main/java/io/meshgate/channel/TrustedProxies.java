package io.meshgate.channel;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The addresses whose forwarding headers (the verified client certificate, the scheme the client
 * used) a node believes: {@code meshgate.proxy.trusted}, by default the node's own host
 * ({@code 127.0.0.1}, {@code ::1}). Immutable.
 */
public final class TrustedProxies {

    private final Set<String> addresses;

    TrustedProxies(Set<String> addresses) {
        this.addresses = Set.copyOf(addresses);
    }

    /** The configured trusted proxies. */
    public static TrustedProxies fromConfig() {
        String list = ConfigProvider.getConfig().getOptionalValue("meshgate.proxy.trusted", String.class)
                .orElse("127.0.0.1,0:0:0:0:0:0:0:1,::1");
        return new TrustedProxies(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether a request from this remote address comes from a trusted proxy. */
    public boolean trusts(String remoteAddress) {
        return addresses.contains(remoteAddress);
    }
}

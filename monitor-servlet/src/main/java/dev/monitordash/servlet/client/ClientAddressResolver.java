package dev.monitordash.servlet.client;

import dev.monitordash.core.config.ConfigException;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.security.IpRange;
import dev.monitordash.core.security.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Enumeration;
import java.util.List;

/**
 * The client's IP address of a request. Proxy headers ({@code Forwarded}, else {@code X-Forwarded-For})
 * are believed only when the request came from a configured trusted proxy, since anyone can send them;
 * the chain is walked from the nearest hop outward, skipping trusted proxies, and the first address that
 * is not a trusted proxy is the client. An entry that is no address ends the walk at the last address
 * that could be vouched for. Without trusted proxies this is {@code request.getRemoteAddr()}, nothing more.
 */
public final class ClientAddressResolver {

    private final TrustedProxies trusted;

    /**
     * @param trustedProxies IP addresses and CIDR ranges, IPv4 or IPv6, parsed once here
     * @throws ConfigException naming the key and the entry that is not an address or range
     */
    public ClientAddressResolver(List<String> trustedProxies) {
        try {
            this.trusted = TrustedProxies.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKey.TRUSTED_PROXIES.property(),
                    e.getMessage() + "; expected IP addresses or CIDR ranges such as 10.0.0.0/8 or ::1");
        }
    }

    /** The client address of the request; null only when the container gives no remote address. */
    public String resolve(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.isEmpty() || remote == null) {
            return remote;
        }
        return resolve(remote, joined(request.getHeaders("Forwarded")),
                joined(request.getHeaders("X-Forwarded-For")));
    }

    /**
     * As {@link #resolve(HttpServletRequest)} from the remote address and the header values (several
     * header lines joined with commas, in order; null when absent).
     */
    public String resolve(String remote, String forwarded, String xForwardedFor) {
        byte[] remoteBytes = IpRange.parseAddress(remote);
        if (!trusted.isTrustedAddress(remoteBytes)) {
            return remote;
        }
        List<String> hops;
        if (forwarded != null && !forwarded.isBlank()) {
            hops = ForwardedHops.ofForwarded(forwarded);
        } else if (xForwardedFor != null && !xForwardedFor.isBlank()) {
            hops = ForwardedHops.ofXForwardedFor(xForwardedFor);
        } else {
            return remote;
        }
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            byte[] address = IpRange.parseAddress(hop);
            if (address == null) {
                return client;
            }
            client = hop;
            if (!trusted.isTrustedAddress(address)) {
                return client;
            }
        }
        return client;
    }

    private static String joined(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (values.hasMoreElements()) {
            sb.append(", ").append(values.nextElement());
        }
        return sb.toString();
    }
}

package dev.monitordash.servlet.client;

import dev.monitordash.core.config.ConfigException;
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

    /** Configuration key of the trusted proxies (the config module's {@code ConfigKey.TRUSTED_PROXIES}). */
    static final String TRUSTED_PROXIES_KEY = "monitordash.proxies.trusted";

    private final IpRange[] trusted;

    /**
     * @param trustedProxies IP addresses and CIDR ranges, IPv4 or IPv6, parsed once here
     * @throws ConfigException naming the key and the entry that is not an address or range
     */
    public ClientAddressResolver(List<String> trustedProxies) {
        IpRange[] ranges = new IpRange[trustedProxies.size()];
        for (int i = 0; i < ranges.length; i++) {
            try {
                ranges[i] = IpRange.parse(trustedProxies.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TRUSTED_PROXIES_KEY,
                        e.getMessage() + "; expected IP addresses or CIDR ranges such as 10.0.0.0/8 or ::1");
            }
        }
        this.trusted = ranges;
    }

    /** The client address of the request; null only when the container gives no remote address. */
    public String resolve(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.length == 0 || remote == null) {
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
        byte[] remoteBytes = IpLiteral.parse(remote);
        if (!isTrusted(remoteBytes)) {
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
            byte[] address = IpLiteral.parse(hop);
            if (address == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(address)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
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

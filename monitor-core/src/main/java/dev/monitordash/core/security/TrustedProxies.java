package dev.monitordash.core.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed (configuration key
 * {@code monitordash.proxies.trusted}). Immutable and thread-safe; with no proxies configured
 * {@link #isTrusted} returns false without parsing anything.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final IpRange[] ranges;

    private TrustedProxies(List<IpRange> ranges) {
        this.ranges = ranges.toArray(new IpRange[0]);
    }

    /**
     * @param entries IP addresses or CIDR ranges, as in {@code MonitorConfig.trustedProxies()}
     * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR range
     */
    public static TrustedProxies of(List<String> entries) {
        if (entries.isEmpty()) {
            return NONE;
        }
        List<IpRange> ranges = new ArrayList<>(entries.size());
        for (String e : entries) {
            ranges.add(IpRange.parse(e));
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Whether the remote address (a literal, as from {@code getRemoteAddr()}) is a trusted proxy. */
    public boolean isTrusted(String remoteAddress) {
        if (ranges.length == 0 || remoteAddress == null) {
            return false;
        }
        return isTrustedAddress(IpRange.parseAddress(remoteAddress.trim()));
    }

    /** Whether parsed address bytes ({@link IpRange#parseAddress}) are a trusted proxy; false for null. */
    public boolean isTrustedAddress(byte[] address) {
        if (address == null) {
            return false;
        }
        for (IpRange r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}

package dev.monitordash.servlet.client;

/** One trusted proxy entry: a single address or a CIDR range, IPv4 or IPv6. */
final class IpRange {

    private final byte[] network;
    private final int prefixBits;

    private IpRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}.
     *
     * @throws IllegalArgumentException saying what is wrong with the entry
     */
    static IpRange parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = IpLiteral.parse(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + spec + "' is not an IP address or CIDR range");
        }
        int maxBits = bytes.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("'" + spec + "' has a prefix length outside 0-" + maxBits);
            }
        }
        return new IpRange(bytes, bits);
    }

    /** True when the address (as from {@link IpLiteral#parse}) lies in this range; families never mix. */
    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixBits / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixBits % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}

package dev.monitordash.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One IP address or CIDR range, IPv4 or IPv6, e.g. {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1},
 * {@code fd00::/8}. Only literals are accepted: parsing never resolves a host name, since a DNS lookup at
 * startup (or worse, per request) would be slow and spoofable.
 */
public final class IpRange {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is not an IP literal or the prefix is out of range
     */
    public static IpRange parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = parseAddress(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("CIDR prefix must be 0-" + bits + ": '" + text + "'");
            }
            prefix = Integer.parseInt(p);
        }
        return new IpRange(mask(address, prefix), prefix, s);
    }

    /** Whether the address literal (as from {@code getRemoteAddr()}) lies in this range; false if unparsable. */
    public boolean contains(String address) {
        byte[] a = address == null ? null : parseAddress(address.trim());
        return a != null && contains(a);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    // No allocation: TrustedProxies calls this per request that carries a forwarding header.
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (network[whole] & 0xFF);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    /**
     * The address bytes (4 or 16, IPv4-mapped IPv6 as 4) of a literal such as {@code 192.0.2.1},
     * {@code 2001:db8::1} or {@code [2001:db8::1]}, or null when not an IP literal. Never does a DNS
     * lookup: header values come from clients.
     */
    public static byte[] parseAddress(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        // Hex digits, ':' and '.' only (plus a scope): InetAddress then parses a literal and never falls
        // back to a DNS lookup, which it would do for anything starting with another character.
        if (!IPV6_CHARS.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    // Strict dotted quad: InetAddress would accept "10.1" and send "999.1.1.1" to DNS.
    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part < 3 && value <= 255) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3 || value > 255) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }
}

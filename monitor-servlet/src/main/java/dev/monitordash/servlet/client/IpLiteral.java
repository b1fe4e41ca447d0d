package dev.monitordash.servlet.client;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever resolving a host name: {@link InetAddress#getByName} would do a
 * DNS lookup for anything that is not a literal, and header values come from clients.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The address bytes (4 for IPv4 and IPv4-mapped IPv6, 16 for IPv6) of a literal such as
     * {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]} or {@code fe80::1%eth0};
     * null when the text is not an IP literal.
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            } else if (c == '.') {
                if (value < 0 || value > 255 || part > 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] parseV6(String s) {
        // Only hex digits, colons and dots, starting with a hex digit or a colon: the JDK then takes the
        // literal path and rejects a malformed address with an exception, never with a DNS query.
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        char first = s.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}

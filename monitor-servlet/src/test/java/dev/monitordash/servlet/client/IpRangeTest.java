package dev.monitordash.servlet.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void matchesAddressesInsideAPrefixThatIsNotByteAligned() {
        IpRange range = IpRange.parse("172.16.0.0/12");
        assertTrue(range.contains(IpLiteral.parse("172.31.255.255")));
        assertFalse(range.contains(IpLiteral.parse("172.32.0.0")));
    }

    @Test
    void neverMatchesAcrossAddressFamilies() {
        assertFalse(IpRange.parse("0.0.0.0/0").contains(IpLiteral.parse("::1")));
        assertFalse(IpRange.parse("::/0").contains(IpLiteral.parse("127.0.0.1")));
    }

    @Test
    void treatsIpv4MappedIpv6AsIpv4() {
        assertTrue(IpRange.parse("127.0.0.0/8").contains(IpLiteral.parse("::ffff:127.0.0.1")));
    }

    @Test
    void parsesOnlyLiterals() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpLiteral.parse("192.0.2.1"));
        assertNull(IpLiteral.parse("192.0.2"));
        assertNull(IpLiteral.parse("192.0.2.1.5"));
        assertNull(IpLiteral.parse("1.2.3.04444"));
        assertNull(IpLiteral.parse("example.org"));
        assertNull(IpLiteral.parse(":::"));
        assertNull(IpLiteral.parse(""));
        assertTrue(IpLiteral.parse("fe80::1%eth0").length == 16);
        assertTrue(IpLiteral.parse("[2001:db8::1]").length == 16);
    }
}

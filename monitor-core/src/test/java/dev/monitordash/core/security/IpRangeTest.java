package dev.monitordash.core.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void singleIpv4AddressMatchesOnlyItself() {
        IpRange r = IpRange.parse("192.168.1.7");
        assertTrue(r.contains("192.168.1.7"));
        assertFalse(r.contains("192.168.1.8"));
    }

    @Test
    void ipv4CidrMatchesItsRange() {
        IpRange r = IpRange.parse("10.20.0.0/14");
        assertTrue(r.contains("10.20.0.1"));
        assertTrue(r.contains("10.23.255.255"));
        assertFalse(r.contains("10.24.0.0"));
        assertFalse(r.contains("10.19.255.255"));
        assertTrue(IpRange.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertTrue(IpRange.parse("10.1.2.3/8").contains("10.200.0.1"), "host bits in the range are ignored");
    }

    @Test
    void ipv6AddressesAndRanges() throws Exception {
        assertTrue(IpRange.parse("::1").contains("0:0:0:0:0:0:0:1"));
        assertTrue(IpRange.parse("::1").contains("[::1]"));
        IpRange r = IpRange.parse("fd00::/8");
        assertTrue(r.contains("fd12:3456::1"));
        assertFalse(r.contains("fe80::1"));
        assertTrue(IpRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::42")));
    }

    @Test
    void familiesDoNotMix() {
        assertFalse(IpRange.parse("0.0.0.0/0").contains("::1"));
        assertFalse(IpRange.parse("::/0").contains("127.0.0.1"));
        assertTrue(IpRange.parse("127.0.0.0/8").contains("::ffff:127.0.0.1"), "IPv4-mapped IPv6 is IPv4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "10.1", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "fe80::/129",
        "example.com", "localhost", "xyz:1", "1.2.3.4:80", "", "10.0.0.1 10.0.0.2",
        "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.256", "1.2.3.0255", "1.2.3.-4"})
    void refusesAnythingButIpLiteralsAndValidPrefixes(String text) {
        // A timeout guards against a DNS lookup sneaking in: a resolver may take seconds to fail.
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> assertThrows(IllegalArgumentException.class, () -> IpRange.parse(text)));
    }

    @Test
    void unparsableRemoteAddressIsNotContained() {
        assertFalse(IpRange.parse("0.0.0.0/0").contains("not-an-ip"));
        assertFalse(IpRange.parse("0.0.0.0/0").contains((String) null));
    }

    @Test
    void trustedProxiesMatchAnyOfTheirRanges() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "::1"));
        assertTrue(proxies.isTrusted("10.9.8.7"));
        assertTrue(proxies.isTrusted("192.168.1.7"));
        assertTrue(proxies.isTrusted("0:0:0:0:0:0:0:1"));
        assertFalse(proxies.isTrusted("192.168.1.8"));
        assertFalse(proxies.isTrusted(null));
        assertFalse(proxies.isEmpty());
    }

    @Test
    void noTrustedProxiesTrustsNobody() {
        TrustedProxies none = TrustedProxies.of(List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.isTrusted("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.local")));
    }
}

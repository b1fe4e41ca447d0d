package dev.monitordash.servlet.client;

import dev.monitordash.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressResolverTest {

    final ClientAddressResolver resolver = new ClientAddressResolver(
            List.of("10.0.0.0/8", "192.168.1.7", "2001:db8:ffff::/48", "::1"));

    @Test
    void usesTheRemoteAddressWhenNoProxyIsTrusted() {
        ClientAddressResolver direct = new ClientAddressResolver(List.of());
        assertEquals("10.1.1.1", direct.resolve("10.1.1.1", null, "203.0.113.9"));
    }

    @Test
    void honoursXForwardedForFromATrustedProxy() {
        assertEquals("203.0.113.9", resolver.resolve("10.1.1.1", null, "203.0.113.9"));
    }

    @Test
    void ignoresXForwardedForFromAnUntrustedAddress() {
        assertEquals("198.51.100.4", resolver.resolve("198.51.100.4", null, "203.0.113.9"));
    }

    @Test
    void walksTheChainFromTheRightSkippingTrustedProxies() {
        // The leftmost entry is whatever the client claimed; the first untrusted hop from the right is the client.
        assertEquals("203.0.113.9", resolver.resolve("10.1.1.1", null, "6.6.6.6, 203.0.113.9, 192.168.1.7, 10.2.2.2"));
    }

    @Test
    void takesTheLeftmostWhenEveryHopIsTrusted() {
        assertEquals("10.3.3.3", resolver.resolve("10.1.1.1", null, "10.3.3.3, 10.2.2.2"));
    }

    @Test
    void stripsPortsAndBracketsFromXForwardedForEntries() {
        assertEquals("203.0.113.9", resolver.resolve("10.1.1.1", null, "203.0.113.9:51234"));
        assertEquals("2001:db8::17", resolver.resolve("10.1.1.1", null, "[2001:db8::17]:4711"));
        assertEquals("2001:db8::17", resolver.resolve("10.1.1.1", null, "2001:db8::17"));
    }

    @Test
    void readsTheForwardedHeaderWithQuotedIpv6AndPort() {
        assertEquals("2001:db8:cafe::17",
                resolver.resolve("::1", "for=\"[2001:db8:cafe::17]:4711\";proto=https", null));
    }

    @Test
    void prefersForwardedOverXForwardedForAndWalksItFromTheRight() {
        String forwarded = "for=192.0.2.60;proto=http;by=203.0.113.43, For=\"10.9.9.9\", for=192.168.1.7";
        assertEquals("192.0.2.60", resolver.resolve("10.1.1.1", forwarded, "6.6.6.6"));
    }

    @Test
    void trustsIpv6ProxiesByCidr() {
        assertEquals("192.0.2.1", resolver.resolve("2001:db8:ffff:1::5", null, "192.0.2.1"));
        assertEquals("2001:db8:fffe::5", resolver.resolve("2001:db8:fffe::5", null, "192.0.2.1"));
    }

    @Test
    void fallsBackToTheRemoteAddressForAGarbageHeader() {
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", null, "not an address"));
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", null, "999.1.1.1"));
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", "for=unknown", null));
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", "for=_hidden, garbage;;==", null));
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", null, ",,,"));
    }

    @Test
    void stopsAtAnEntryItCannotReadAndKeepsTheLastAddressItCouldVouchFor() {
        assertEquals("10.2.2.2", resolver.resolve("10.1.1.1", null, "203.0.113.9, unknown, 10.2.2.2"));
    }

    @Test
    void neverResolvesHostNames() {
        // A name would need DNS; it is no address, so the chain stops at the proxy.
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", null, "localhost"));
        assertEquals("10.1.1.1", resolver.resolve("10.1.1.1", null, "cafe"));
    }

    @Test
    void rejectsAMalformedTrustedProxyNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ClientAddressResolver(List.of("10.0.0.0/8", "proxy.example.com")));
        assertEquals("monitordash.proxies.trusted", e.key());
        assertTrue(e.getMessage().contains("proxy.example.com"), e.getMessage());
        assertThrows(ConfigException.class, () -> new ClientAddressResolver(List.of("10.0.0.0/33")));
        assertThrows(ConfigException.class, () -> new ClientAddressResolver(List.of("::1/129")));
    }
}

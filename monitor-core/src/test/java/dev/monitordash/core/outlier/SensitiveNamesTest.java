package dev.monitordash.core.outlier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitiveNamesTest {

    private final SensitiveNames builtIn = new SensitiveNames(List.of(), List.of());

    /** Header and parameter names real clients send credentials in. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "cookie2",
        "X-Api-Key", "x-api-key", "X-API-KEY", "X-Goog-Api-Key", "apiKey", "APIKey", "api_key", "apikey", "xapikey",
        "X-Auth-Token", "X-Amz-Security-Token", "X-Amz-Credential", "X-Amz-Signature", "X-Vault-Token",
        "X-Gitlab-Token", "X-Access-Token", "access_token", "accesstoken", "refresh_token", "id_token",
        "X-CSRF-Token", "X-XSRF-TOKEN", "_csrf", "csrfmiddlewaretoken", "authenticity_token", "csrfToken",
        "X-Hub-Signature", "X-Hub-Signature-256", "Stripe-Signature", "X-Slack-Signature", "X-Shopify-Hmac-Sha256",
        "sig", "X-Session-Id", "SESSIONID", "JSESSIONID", "PHPSESSID", "sid", "session",
        "password", "newPassword", "pass", "passwd", "pwd", "user.password", "passphrase",
        "client_secret", "X-Client-Secret", "secretKey", "private_key", "privatekey", "AWSAccessKeyId",
        "X-Auth", "WWW-Authenticate", "X-Authentication", "otp", "jwt", "Bearer", "X-Forwarded-Access-Token",
        "Sec-WebSocket-Key", "credentials",
    })
    void credentialNamesAreSensitive(String name) {
        assertTrue(builtIn.isSensitive(name), name);
    }

    /** Everyday names, and ones where a sensitive word appears only by coincidence inside another word. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Accept", "Accept-Encoding", "Accept-Language", "User-Agent", "Content-Type", "Content-Length", "Host",
        "Connection", "Keep-Alive", "Cache-Control", "If-None-Match", "Referer", "Origin", "X-Request-Id",
        "X-Correlation-Id", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP", "traceparent", "Sec-Fetch-Site",
        "X-Amz-Date", "Upgrade-Insecure-Requests",
        "Monkey", "X-Monkey", "donkey", "keyboard", "Author", "author_id", "authority", "inside", "sidebar",
        "bypass", "compass", "passenger", "page", "sort", "q", "limit", "hotkeys", "turkey",
    })
    void everydayNamesAreNot(String name) {
        assertFalse(builtIn.isSensitive(name), name);
    }

    @Test
    void namesAreCutIntoTokensAtSeparatorsAndCamelCaseHumps() {
        assertEquals(List.of("x", "hub", "signature", "256"), SensitiveNames.tokens("X-Hub-Signature-256"));
        assertEquals(List.of("csrf", "token"), SensitiveNames.tokens("csrfToken"));
        assertEquals(List.of("api", "key"), SensitiveNames.tokens("APIKey"));
        assertEquals(List.of("aws", "access", "key", "id"), SensitiveNames.tokens("AWSAccessKeyId"));
        assertEquals(List.of("user", "password"), SensitiveNames.tokens("user.password"));
        assertEquals(List.of("sha256", "sig"), SensitiveNames.tokens("__sha256Sig__"));
        assertEquals(List.of(), SensitiveNames.tokens("--"));
    }

    @Test
    void configuredNamesMatchWholeAndConfiguredWordsAnywhere() {
        SensitiveNames configured = new SensitiveNames(List.of(" X-Tenant "), List.of("PIN"));
        assertTrue(configured.isSensitive("x-tenant"));
        assertFalse(configured.isSensitive("X-Tenant-Name"));
        assertTrue(configured.isSensitive("userPin"));
        assertTrue(configured.isSensitive("spinner"));
        assertFalse(configured.isSensitive(""));
        assertFalse(configured.isSensitive(null));
    }
}

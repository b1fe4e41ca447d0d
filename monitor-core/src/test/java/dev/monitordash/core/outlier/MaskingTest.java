package dev.monitordash.core.outlier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingTest {

    final Masking masking = new Masking(List.of("X-Trace-Blob"), List.of("pin"));

    static RequestData request(List<NameValue> headers, List<NameValue> params, String query) {
        return new RequestData("http://h/p", query, "GET", headers, params, "1.2.3.4", "ann", List.of());
    }

    @Test
    void credentialHeadersAreAlwaysMaskedWhateverTheirCase() {
        Masking none = new Masking(List.of(), List.of());
        RequestData out = none.apply(request(List.of(new NameValue("authorization", "Basic YTpi"),
                new NameValue("COOKIE", "JSESSIONID=1"), new NameValue("Set-Cookie", "a=b"),
                new NameValue("Proxy-Authorization", "Bearer x"), new NameValue("Accept", "text/html")),
                List.of(), null));
        assertEquals(List.of(new NameValue("authorization", Masking.MASK), new NameValue("COOKIE", Masking.MASK),
                new NameValue("Set-Cookie", Masking.MASK), new NameValue("Proxy-Authorization", Masking.MASK),
                new NameValue("Accept", "text/html")), out.headers());
    }

    @Test
    void configuredNamesAndWordsMaskHeadersAndParametersAlike() {
        RequestData out = masking.apply(request(List.of(new NameValue("x-trace-blob", "s3cr3t"),
                new NameValue("X-Spinner", "1"), new NameValue("X-Trace", "t")),
                List.of(new NameValue("X-TRACE-BLOB", "s"), new NameValue("userpin", "1234"), new NameValue("a", "b")),
                null));
        // Configured words match anywhere in a name, even inside another word: the user asked for them.
        assertEquals(List.of(Masking.MASK, Masking.MASK, "t"), out.headers().stream().map(NameValue::value).toList());
        assertEquals(List.of(Masking.MASK, Masking.MASK, "b"),
                out.parameters().stream().map(NameValue::value).toList());
    }

    @Test
    void headersAreMaskedByTheRuleThatMasksParameters() {
        Masking none = new Masking(List.of(), List.of());
        RequestData out = none.apply(request(List.of(new NameValue("X-Api-Key", "k1"), new NameValue("Accept", "a")),
                List.of(new NameValue("X-Api-Key", "k2"), new NameValue("Accept", "b")), "X-Api-Key=k3&Accept=c"));
        assertEquals(List.of(Masking.MASK, "a"), out.headers().stream().map(NameValue::value).toList());
        assertEquals(List.of(Masking.MASK, "b"), out.parameters().stream().map(NameValue::value).toList());
        assertEquals("X-Api-Key=" + Masking.MASK + "&Accept=c", out.query());
    }

    @Test
    void parametersWhoseNamesContainASensitiveWordAreMasked() {
        RequestData out = masking.apply(request(List.of(), List.of(new NameValue("password", "hunter2"),
                new NameValue("newPassword", "x"), new NameValue("api_key", "k"), new NameValue("csrfToken", "t"),
                new NameValue("SESSIONID", "s"), new NameValue("page", "2")), null));
        assertEquals(List.of(Masking.MASK, Masking.MASK, Masking.MASK, Masking.MASK, Masking.MASK, "2"),
                out.parameters().stream().map(NameValue::value).toList());
    }

    @Test
    void theRawQueryStringIsMaskedLikeTheParameters() {
        assertEquals("user=ann&password=" + Masking.MASK + "&page=2&pass%77ord=" + Masking.MASK + "&flag",
                masking.maskQuery("user=ann&password=hunter2&page=2&pass%77ord=x&flag"));
        RequestData out = masking.apply(request(List.of(), List.of(), "token=abc"));
        assertEquals("token=" + Masking.MASK, out.query());
    }

    @Test
    void longValuesAndTooManyHeadersAreCutVisibly() {
        List<NameValue> headers = new ArrayList<>();
        for (int i = 0; i < Truncation.MAX_HEADERS + 5; i++) {
            headers.add(new NameValue("X-" + i, "v"));
        }
        headers.set(0, new NameValue("X-Long", "a".repeat(Truncation.MAX_VALUE_CHARS + 10)));
        RequestData out = masking.apply(request(headers, List.of(), null));
        assertEquals(Truncation.MAX_HEADERS, out.headers().size());
        assertTrue(out.headers().get(0).value().endsWith(" (truncated)"));
        assertEquals(Truncation.MAX_VALUE_CHARS + " (truncated)".length(), out.headers().get(0).value().length());
        assertEquals(List.of("headers: 5 more not kept (truncated)"), out.notes());
    }

    @Test
    void configuredLimitsCapFieldsAndValues() {
        Masking small = new Masking(List.of(), List.of(), new OutlierLimits(10, 10, 10, 1_000, 2, 16));
        List<NameValue> params = List.of(new NameValue("a", "1"), new NameValue("b", "x".repeat(40)),
                new NameValue("password", "hunter2"));
        RequestData out = small.apply(request(List.of(), params, "q=" + "y".repeat(40)));
        assertEquals(List.of(new NameValue("a", "1"), new NameValue("b", "x".repeat(16) + " (truncated)")),
                out.parameters());
        assertEquals(List.of("parameters: 1 more not kept (truncated)"), out.notes());
        assertEquals("q=" + "y".repeat(14) + " (truncated)", out.query());
    }

    @Test
    void defaultLimitsAreTheConfigurationDefaults() {
        assertEquals(OutlierLimits.DEFAULTS, OutlierLimits.of(dev.monitordash.core.config.MonitorConfig.builder().build()));
        assertEquals(Truncation.MAX_HEADERS, Truncation.MAX_PARAMETERS, "one cap serves headers and parameters");
    }

    @Test
    void capKeepsShortTextAndNeverSplitsASurrogatePair() {
        assertEquals("abc", Truncation.cap("abc", 3));
        assertEquals(null, Truncation.cap(null, 3));
        assertEquals("ab (truncated)", Truncation.cap("ab\uD83D\uDE00", 3));
        assertFalse(masking.masks("page"));
    }

    @Test
    void queryStringIsParsedWithoutTheContainer() {
        assertEquals(List.of(new NameValue("a", "1 2"), new NameValue("b", ""), new NameValue("c", ""),
                new NameValue("d", "%zz")), QueryString.parse("a=1+2&b=&c&&d=%zz"));
        assertTrue(QueryString.parse(null).isEmpty());
    }
}

package dev.monitordash.ui.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.tests.ApiToken;
import dev.monitordash.core.tests.InvalidTestRunException;
import dev.monitordash.core.tests.RunConflictException;
import dev.monitordash.core.tests.SavedRun;
import dev.monitordash.core.tests.TestRun;
import dev.monitordash.core.tests.TestStore;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST <dashboard>/api/tests/results}: a CI build's test run, authenticated by an API token an admin
 * created on the Tests page ({@code Authorization: Bearer mdt_…}), never by a login: CI holds no session.
 * The token is checked before the body is read, and a refused post stores nothing. The body may be gzipped
 * ({@code Content-Encoding: gzip}); its unpacked size is bounded, so a small compressed post cannot unpack
 * into gigabytes.
 */
public final class TestResultsRoute {

    public static final String PATH = "/api/tests/results";
    /** A run of 50 000 results with long names is some 25 MB of JSON. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TestResultsRoute.class);
    private static final String BEARER = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"MonitorDash\"");

    private final Monitor monitor;
    private final Clock clock;

    public TestResultsRoute(Monitor monitor) {
        this(monitor, Clock.systemUTC());
    }

    TestResultsRoute(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    public void serve(Exchange ex) throws IOException {
        ex.requireMethod("POST");
        TestStore tests = monitor.store().tests();
        ApiToken token = authenticate(ex, tests);
        TestRun run;
        try {
            run = TestRunJson.parse(Json.parse(body(ex)));
            run.validated();
        } catch (InvalidTestRunException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        SavedRun saved;
        try {
            saved = tests.save(run);
        } catch (RunConflictException e) {
            throw new HttpError(409, e.getMessage());
        }
        LOG.info("MonitorDash stored {} of {} results of test run {} (version {}) posted with token '{}'",
                saved.stored(), saved.received(), run.runId(), run.version(), token.name());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", saved.runId());
        answer.put("received", saved.received());
        answer.put("stored", saved.stored());
        answer.put("duplicates", saved.duplicates());
        ex.json(200, answer);
    }

    private ApiToken authenticate(Exchange ex, TestStore tests) {
        String header = ex.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new HttpError(401, "an API token is required: Authorization: Bearer <token> (an admin creates "
                    + "tokens on the dashboard's Tests page)", CHALLENGE, Map.of());
        }
        Optional<ApiToken> token = tests.authenticate(header.substring(BEARER.length()).trim());
        if (token.isEmpty()) {
            throw new HttpError(401, "wrong or revoked API token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"MonitorDash\", error=\"invalid_token\""), Map.of());
        }
        if (token.get().expiredAt(clock.instant())) {
            throw new HttpError(401, "API token '" + token.get().name() + "' expired at " + token.get().expiresAt(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"MonitorDash\", error=\"invalid_token\""), Map.of());
        }
        return token.get();
    }

    private static byte[] body(Exchange ex) throws IOException {
        String type = ex.request().getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "Content-Type must be application/json");
        }
        if (ex.request().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String encoding = ex.request().getHeader("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new HttpError(415, "Content-Encoding must be gzip or none, was " + encoding);
        }
        try (InputStream raw = ex.request().getInputStream();
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (java.util.zip.ZipException e) {
            throw HttpError.badRequest("the body is not valid gzip: " + e.getMessage());
        }
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "test run larger than " + MAX_BODY_BYTES / (1024 * 1024)
                + " MB of JSON: send it in parts with the same runId");
    }
}

package dev.monitordash.ui.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.StoredRequest;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.ui.http.Json;
import dev.monitordash.ui.http.SecurityHeaders;
import dev.monitordash.ui.http.Exchange;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code GET api/export}: the requests of one endpoint or all in a range, as CSV or JSON, written row by
 * row while the database cursor moves (see {@code AnalyticsQueries.export}): memory stays flat whatever
 * the size. Everything that can be refused (role, parameters, unknown endpoint) is checked before the
 * first byte, because a streamed answer cannot turn into an error once it has begun.
 */
final class RequestExportRoute {

    static final String CSV_HEADER = "endpoint,started_at,duration_ms,method,status,version,user,client_ip,"
            + "service,instance\r\n";
    private static final String[] FORMATS = {"csv", "json"};

    /**
     * {@code GET api/export/count}: the answer's row count, so that a client can show its progress; the
     * range it counted; and which raw requests exist at all, so that a client can tell a range reaching
     * back before them (the charts still show those days, from rollups kept longer).
     */
    record Count(long requests, String from, String to, Raw raw) {
    }

    /**
     * The raw request rows the export reads: the oldest still stored (null when none is), and how long
     * they are kept ({@code monitordash.retention.requests}, as configured and in seconds).
     */
    record Raw(String oldestRequest, String retention, long retentionSeconds) {
    }

    private final String retention;
    private final long retentionSeconds;

    RequestExportRoute(MonitorConfig config) {
        // The configuration's own display form ("30d"), so the answer reads like the docs and the log.
        this.retention = config.effectiveConfiguration().get(ConfigKey.RETENTION_REQUESTS.property());
        this.retentionSeconds = config.retentionRequests().toSeconds();
    }

    /** Takes the export's own parameters (format too, so one query string serves both), checked alike. */
    Count count(QueryParams p, AnalyticsQueries q) {
        p.choice("format", FORMATS);
        TimeRange range = p.range().time();
        long requests = q.countRequests(p.optional("endpoint"), range);
        String oldest = q.oldestRequest().map(Instant::toString).orElse(null);
        return new Count(requests, range.from().toString(), range.to().toString(),
                new Raw(oldest, retention, retentionSeconds));
    }

    void stream(Exchange ex, QueryParams p, AnalyticsQueries q) throws IOException {
        String format = p.choice("format", FORMATS);
        String endpoint = p.optional("endpoint");
        TimeRange range = p.range().time();
        if (endpoint != null) {
            q.requireEndpoint(endpoint);
        }
        HttpServletResponse response = ex.response();
        SecurityHeaders.noStore(response);
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(format.equals("csv") ? "text/csv" : "application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(endpoint, range, format) + "\"");
        OutputStream out = response.getOutputStream();
        if (format.equals("csv")) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            w.write(CSV_HEADER);
            q.export(endpoint, range, r -> csv(w, r));
            w.flush();
        } else {
            try (JsonGenerator g = Json.generator(out)) {
                g.writeStartObject();
                g.writeStringField("endpoint", endpoint);
                g.writeStringField("from", range.from().toString());
                g.writeStringField("to", range.to().toString());
                g.writeArrayFieldStart("requests");
                q.export(endpoint, range, r -> Json.write(g, AnalyticsViews.request(r)));
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    static void csv(Writer w, StoredRequest r) throws IOException {
        w.write(field(r.endpoint()));
        w.write(',');
        w.write(r.startedAt().toString());
        w.write(',');
        w.write(Double.toString(r.durationMillis()));
        w.write(',');
        w.write(field(r.method()));
        w.write(',');
        w.write(Integer.toString(r.status()));
        w.write(',');
        w.write(field(r.version()));
        w.write(',');
        w.write(field(r.user()));
        w.write(',');
        w.write(field(r.clientIp()));
        w.write(',');
        w.write(field(r.service()));
        w.write(',');
        w.write(field(r.instance()));
        w.write("\r\n");
    }

    /**
     * RFC 4180 quoting; a text starting with = + - @ gets a leading apostrophe so that a spreadsheet shows
     * it instead of running it as a formula (user names and routes come from outside).
     */
    static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char first = s.charAt(0);
        String v = first == '=' || first == '+' || first == '-' || first == '@' ? "'" + s : s;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    static String fileName(String endpoint, TimeRange range, String format) {
        String what = endpoint == null ? "all" : endpoint.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        String from = range.from().toString().replace(':', '-');
        String to = range.to().toString().replace(':', '-');
        return "monitordash-" + (what.isEmpty() ? "root" : what) + "-" + from + "-" + to + "." + format;
    }
}

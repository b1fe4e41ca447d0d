package dev.monitordash.core.outlier;

import dev.monitordash.core.config.MonitorConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides credentials before an outlier's request data is stored: the values of credential headers and
 * of parameters whose names contain a sensitive word become {@value #MASK}. Also applies the size caps
 * of {@link Truncation}, so what reaches the store is bounded whatever the request sent.
 */
public final class Masking {

    public static final String MASK = "\u2022\u2022\u2022";

    /** Always masked, whatever the configuration says. */
    static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "cookie", "set-cookie",
            "proxy-authorization");

    private final Set<String> headers = new HashSet<>();
    private final List<String> parameterWords = new ArrayList<>();
    private final OutlierLimits limits;

    public Masking(List<String> extraHeaders, List<String> parameterWords) {
        this(extraHeaders, parameterWords, OutlierLimits.DEFAULTS);
    }

    public Masking(List<String> extraHeaders, List<String> parameterWords, OutlierLimits limits) {
        this.limits = limits;
        headers.addAll(CREDENTIAL_HEADERS);
        for (String h : extraHeaders) {
            headers.add(h.toLowerCase(Locale.ROOT));
        }
        for (String w : parameterWords) {
            this.parameterWords.add(w.toLowerCase(Locale.ROOT));
        }
    }

    public static Masking of(MonitorConfig config) {
        return new Masking(config.outlierMaskHeaders(), config.outlierMaskParameters(), OutlierLimits.of(config));
    }

    /** The caps applied here and by the capture that uses this masking. */
    public OutlierLimits limits() {
        return limits;
    }

    public boolean masksHeader(String name) {
        return headers.contains(name.toLowerCase(Locale.ROOT));
    }

    public boolean masksParameter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String w : parameterWords) {
            if (n.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The request data as it may be stored: masked and capped. */
    public RequestData apply(RequestData data) {
        List<String> notes = new ArrayList<>(data.notes());
        List<NameValue> h = maskAll(data.headers(), true, limits.fields(), "headers", notes);
        List<NameValue> p = maskAll(data.parameters(), false, limits.fields(), "parameters", notes);
        int chars = limits.valueChars();
        return new RequestData(Truncation.cap(data.url(), chars), Truncation.cap(maskQuery(data.query()), chars),
                data.method(), h, p, data.remoteAddress(), Truncation.cap(data.user(), chars), notes);
    }

    private List<NameValue> maskAll(List<NameValue> items, boolean header, int max, String what, List<String> notes) {
        List<NameValue> out = new ArrayList<>(Math.min(items.size(), max));
        for (NameValue nv : items) {
            if (out.size() == max) {
                notes.add(what + ": " + (items.size() - max) + " more not kept " + Truncation.MARK);
                break;
            }
            boolean masked = header ? masksHeader(nv.name()) : masksParameter(nv.name());
            out.add(new NameValue(Truncation.cap(nv.name(), limits.valueChars()),
                    masked ? MASK : Truncation.cap(nv.value(), limits.valueChars())));
        }
        return out;
    }

    /** The raw query string carries the same secrets as the parameters: mask them there as well. */
    String maskQuery(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder sb = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && masksParameter(QueryString.decode(name))) {
                sb.append(name).append('=').append(MASK);
            } else {
                sb.append(pair);
            }
        }
        return sb.toString();
    }
}

package dev.monitordash.core.outlier;

import dev.monitordash.core.config.MonitorConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Hides credentials before an outlier's request data is stored: the values of headers and parameters
 * whose names {@link SensitiveNames} judges sensitive become {@value #MASK}, by one rule for both. Also
 * applies the size caps of {@link Truncation}, so what reaches the store is bounded whatever the request
 * sent.
 */
public final class Masking {

    public static final String MASK = "\u2022\u2022\u2022";

    private final SensitiveNames sensitive;
    private final OutlierLimits limits;

    /**
     * @param extraNames whole header or parameter names masked besides the built-in rule
     * @param extraWords words masking any header or parameter whose name contains one
     */
    public Masking(List<String> extraNames, List<String> extraWords) {
        this(extraNames, extraWords, OutlierLimits.DEFAULTS);
    }

    public Masking(List<String> extraNames, List<String> extraWords, OutlierLimits limits) {
        this.limits = limits;
        this.sensitive = new SensitiveNames(extraNames, extraWords);
    }

    public static Masking of(MonitorConfig config) {
        return new Masking(config.outlierMaskHeaders(), config.outlierMaskParameters(), OutlierLimits.of(config));
    }

    /** The caps applied here and by the capture that uses this masking. */
    public OutlierLimits limits() {
        return limits;
    }

    /** Whether a header's or parameter's value is stored as {@value #MASK}: one rule for both. */
    public boolean masks(String name) {
        return sensitive.isSensitive(name);
    }

    /** The request data as it may be stored: masked and capped. */
    public RequestData apply(RequestData data) {
        List<String> notes = new ArrayList<>(data.notes());
        List<NameValue> h = maskAll(data.headers(), limits.fields(), "headers", notes);
        List<NameValue> p = maskAll(data.parameters(), limits.fields(), "parameters", notes);
        int chars = limits.valueChars();
        return new RequestData(Truncation.cap(data.url(), chars), Truncation.cap(maskQuery(data.query()), chars),
                data.method(), h, p, data.remoteAddress(), Truncation.cap(data.user(), chars), notes);
    }

    private List<NameValue> maskAll(List<NameValue> items, int max, String what, List<String> notes) {
        List<NameValue> out = new ArrayList<>(Math.min(items.size(), max));
        for (NameValue nv : items) {
            if (out.size() == max) {
                notes.add(what + ": " + (items.size() - max) + " more not kept " + Truncation.MARK);
                break;
            }
            boolean masked = masks(nv.name());
            out.add(new NameValue(Truncation.cap(nv.name(), limits.valueChars()),
                    masked ? MASK : Truncation.cap(nv.value(), limits.valueChars())));
        }
        return out;
    }

    // name=value, name: value, "name": "value"; a Bearer or Basic credential is one value.
    private static final java.util.regex.Pattern PAIR = java.util.regex.Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.\\-]*)(\"?\\s*[=:]\\s*)((?:Bearer|Basic)\\s+[^\\s,;&)\\]}]+|\"[^\"]*\"|'[^']*'"
                    + "|[^\\s,;&)\\]}\"']+)");

    /**
     * Free text as it may be stored (an exception's message): the value of every {@code name=value} or
     * {@code name: value} whose name is sensitive by the same rule as headers and parameters becomes
     * {@value #MASK}, and the text is capped like any captured value. Null stays null.
     */
    public String maskText(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = PAIR.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = masks(m.group(1)) ? m.group(1) + m.group(2) + MASK : m.group();
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return Truncation.cap(sb.toString(), limits.valueChars());
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
            if (eq >= 0 && masks(QueryString.decode(name))) {
                sb.append(name).append('=').append(MASK);
            } else {
                sb.append(pair);
            }
        }
        return sb.toString();
    }
}

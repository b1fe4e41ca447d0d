package dev.monitordash.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4) and of OpenMetrics text (1.0.0), for tests: every
 * line must match the format's grammar, every sample must belong to a family whose TYPE came before it, and
 * OpenMetrics must end with {@code # EOF}. Anything else fails with the line and its number, so a test
 * that parses an answer also checks that Prometheus could read it.
 */
public final class PrometheusText {

    /** One sample line: metric name, labels in their order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    /** A quoted label value; group 1 is its text, still escaped. */
    private static final String LABEL_VALUE = "\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"";
    private static final String QUOTED = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String NUMBER = "(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN)";
    private static final String PAIR = LABEL_NAME + "=" + QUOTED;
    private static final String LABELS = "\\{(?:" + PAIR + "(?:," + PAIR + ")*,?)?\\}";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(" + LABELS + ")? (" + NUMBER + ")"
            + "(?: (-?\\d+(?:\\.\\d+)?))?");
    /** OpenMetrics only: an exemplar after the value. */
    private static final Pattern EXEMPLAR = Pattern.compile(" # " + LABELS + " " + NUMBER + "(?: " + NUMBER + ")?$");
    private static final Pattern LABEL = Pattern.compile("(" + LABEL_NAME + ")=" + LABEL_VALUE);
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")(?: (.*))?");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (\\w+)");
    private static final Pattern UNIT = Pattern.compile("# UNIT (" + NAME + ") ?(" + LABEL_NAME + ")?");
    private static final Set<String> PROMETHEUS_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OPENMETRICS_TYPES = Set.of("counter", "gauge", "histogram", "summary", "unknown",
            "info", "stateset", "gaugehistogram");
    private static final List<String> SUFFIXES = List.of("_total", "_created", "_count", "_sum", "_bucket", "_info",
            "_gcount", "_gsum");

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** Parses the Prometheus text format; fails on the first line that breaks it. */
    public static PrometheusText parsePrometheus(String body) {
        return parse(body, false);
    }

    /** Parses OpenMetrics text; fails on the first line that breaks it, or without the final {@code # EOF}. */
    public static PrometheusText parseOpenMetrics(String body) {
        return parse(body, true);
    }

    private static PrometheusText parse(String body, boolean openMetrics) {
        PrometheusText out = new PrometheusText();
        if (!body.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a newline");
        }
        String[] lines = body.split("\n", -1);
        int last = lines.length - 2; // the split leaves an empty string after the final newline
        if (openMetrics && !lines[last].equals("# EOF")) {
            throw new AssertionError("OpenMetrics must end with '# EOF', ends with: " + lines[last]);
        }
        String currentFamily = null;
        Set<String> closedFamilies = new java.util.HashSet<>();
        for (int i = 0; i <= last; i++) {
            String line = lines[i];
            int number = i + 1;
            if (openMetrics && line.equals("# EOF")) {
                if (i != last) {
                    throw new AssertionError("line " + number + ": '# EOF' before the end");
                }
                continue;
            }
            if (line.isEmpty()) {
                if (openMetrics) {
                    throw new AssertionError("line " + number + ": empty line in OpenMetrics");
                }
                continue;
            }
            if (line.startsWith("#")) {
                String family = out.metadata(line, number, openMetrics);
                if (family != null && !family.equals(currentFamily)) {
                    if (openMetrics && closedFamilies.contains(family)) {
                        throw new AssertionError("line " + number + ": family " + family + " is interleaved");
                    }
                    if (currentFamily != null) {
                        closedFamilies.add(currentFamily);
                    }
                    currentFamily = family;
                }
                continue;
            }
            String sampleLine = line;
            if (openMetrics) {
                Matcher ex = EXEMPLAR.matcher(line);
                if (ex.find()) {
                    sampleLine = line.substring(0, ex.start());
                }
            }
            Matcher m = SAMPLE.matcher(sampleLine);
            if (!m.matches()) {
                throw new AssertionError("line " + number + " is no valid sample: " + line);
            }
            String name = m.group(1);
            String family = out.familyOf(name);
            if (family == null) {
                throw new AssertionError("line " + number + ": sample " + name + " before any TYPE of its family");
            }
            if (!family.equals(currentFamily)) {
                throw new AssertionError("line " + number + ": sample " + name + " is not under its family's TYPE");
            }
            out.samples.add(new Sample(name, labels(m.group(2), number), number(m.group(3))));
        }
        return out;
    }

    /** Checks a comment line and returns the family it describes (null for a plain comment). */
    private String metadata(String line, int number, boolean openMetrics) {
        Matcher help = HELP.matcher(line);
        if (help.matches()) {
            if (helps.put(help.group(1), help.group(2) == null ? "" : help.group(2)) != null) {
                throw new AssertionError("line " + number + ": second HELP of " + help.group(1));
            }
            return help.group(1);
        }
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
            Set<String> allowed = openMetrics ? OPENMETRICS_TYPES : PROMETHEUS_TYPES;
            if (!allowed.contains(type.group(2))) {
                throw new AssertionError("line " + number + ": unknown type " + type.group(2));
            }
            if (types.put(type.group(1), type.group(2)) != null) {
                throw new AssertionError("line " + number + ": second TYPE of " + type.group(1));
            }
            return type.group(1);
        }
        if (openMetrics) {
            Matcher unit = UNIT.matcher(line);
            if (unit.matches()) {
                return unit.group(1);
            }
            throw new AssertionError("line " + number + ": OpenMetrics allows no other comment: " + line);
        }
        if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
            throw new AssertionError("line " + number + " is a malformed HELP or TYPE: " + line);
        }
        return null;
    }

    private String familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String braces, int number) {
        if (braces == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(braces);
        while (m.find()) {
            String value = unescape(m.group(2));
            if (out.put(m.group(1), value) != null) {
                throw new AssertionError("line " + number + ": label " + m.group(1) + " twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String unescape(String escaped) {
        StringBuilder sb = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                char next = escaped.charAt(++i);
                sb.append(next == 'n' ? '\n' : next);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The TYPE of each family, by family name as written. */
    public Map<String, String> types() {
        return Collections.unmodifiableMap(types);
    }

    /** The HELP of each family, by family name as written. */
    public Map<String, String> helps() {
        return Collections.unmodifiableMap(helps);
    }

    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    /** The samples of this name. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample of this name whose labels include all of {@code labels}; fails otherwise. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + labels + ": " + found);
        }
        return found.get(0).value();
    }

    /** The value of the one sample of this name without labels to match. */
    public double value(String name) {
        return value(name, Map.of());
    }

    /** Every distinct value of a label among the samples of this name. */
    public Set<String> labelValues(String name, String label) {
        Set<String> out = new java.util.TreeSet<>();
        samples(name).forEach(s -> {
            if (s.labels().containsKey(label)) {
                out.add(s.labels().get(label));
            }
        });
        return out;
    }
}

package dev.monitordash.core.alert;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A rule's endpoints: a name, or a pattern where {@code *} matches any characters (also {@code /}). */
final class EndpointPattern {

    private final Pattern regex;

    EndpointPattern(String pattern) {
        this.regex = Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")), Pattern.DOTALL);
    }

    boolean matches(String endpoint) {
        return regex.matcher(endpoint).matches();
    }
}

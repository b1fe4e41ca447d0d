package dev.monitordash.core.outlier;

/** One request header or parameter as stored with an outlier (after masking and capping). */
public record NameValue(String name, String value) {
}

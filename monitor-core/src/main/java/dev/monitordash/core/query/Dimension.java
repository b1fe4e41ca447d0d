package dev.monitordash.core.query;

/** What requests are grouped by in the per-group charts; each names its own column (never user text). */
public enum Dimension {
    USER("user_name"),
    IP("client_ip");

    final String column;

    Dimension(String column) {
        this.column = column;
    }
}

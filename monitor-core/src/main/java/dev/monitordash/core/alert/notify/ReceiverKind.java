package dev.monitordash.core.alert.notify;

import java.util.Locale;
import java.util.Optional;

/** How a receiver is reached. */
public enum ReceiverKind {
    /** An HTTP POST of the documented JSON body, signed with HMAC-SHA256 when a signing key is set. */
    WEBHOOK,
    /** A Slack incoming webhook ({@code {"text": ...}}); its URL is the secret. */
    SLACK,
    /** E-mail over SMTP (Jakarta Mail / Eclipse Angus, an optional dependency). */
    EMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReceiverKind> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (ReceiverKind k : values()) {
            if (k.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

package dev.monitordash.core.alert.notify;

import java.time.Duration;

/** Sends one message to one receiver, within {@link #TIMEOUT}; throws with the reason when it could not. */
interface Notifier {

    /** Bound on connecting and on the receiver's answer: a receiver that hangs fails instead of blocking. */
    Duration TIMEOUT = Duration.ofSeconds(10);

    void send(Message message) throws Exception;

    static Notifier of(Receiver r) {
        return switch (r.kind()) {
            case WEBHOOK -> new WebhookNotifier(r.settings().get("url"), r.secret());
            case SLACK -> new SlackNotifier(r.secret());
            case EMAIL -> EmailSupport.notifier(r);
        };
    }
}

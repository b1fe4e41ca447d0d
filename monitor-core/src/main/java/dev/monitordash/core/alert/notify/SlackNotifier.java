package dev.monitordash.core.alert.notify;

import dev.monitordash.core.json.JsonText;

import java.util.Map;

/**
 * A Slack incoming webhook: {@code {"text": ...}} with Slack's mrkdwn (bold title, one line per alert).
 * Characters Slack treats as markup in names from requests ({@code & < >}) are escaped as Slack asks.
 */
final class SlackNotifier implements Notifier {

    private final String url;

    SlackNotifier(String url) {
        this.url = url;
    }

    @Override
    public void send(Message m) throws Exception {
        HttpPost.json(url, body(m), Map.of());
    }

    static String body(Message m) {
        String[] lines = m.text().split("\n", 2);
        String text = "*" + escape(lines[0]) + "*\n" + (lines.length > 1 ? escape(lines[1]) : "");
        return JsonText.write(Map.of("text", text));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

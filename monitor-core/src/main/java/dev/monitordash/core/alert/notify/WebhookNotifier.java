package dev.monitordash.core.alert.notify;

import dev.monitordash.core.json.JsonText;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSTs the JSON body of docs/alerts.md#webhook. With a signing key, {@value #SIGNATURE} carries
 * {@code sha256=} and the hex HMAC-SHA256 of the body's bytes under that key, so the receiver can check
 * that the message comes from this monitor and was not changed.
 */
final class WebhookNotifier implements Notifier {

    static final String SIGNATURE = "X-MonitorDash-Signature";

    private final String url;
    private final String signingKey;

    WebhookNotifier(String url, String signingKey) {
        this.url = url;
        this.signingKey = signingKey;
    }

    @Override
    public void send(Message m) throws Exception {
        String body = body(m);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-MonitorDash-Event", m.status());
        if (signingKey != null) {
            headers.put(SIGNATURE, "sha256=" + sign(signingKey, body));
        }
        HttpPost.json(url, body, headers);
    }

    static String sign(String key, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String body(Message m) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", m.ruleId());
        rule.put("name", m.rule());
        rule.put("condition", m.condition());
        rule.put("severity", m.severity());
        rule.put("labels", m.labels());
        List<Object> alerts = new ArrayList<>();
        for (Message.Item a : m.alerts()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("series", a.series());
            item.put("status", a.status());
            item.put("value", a.value());
            item.put("activeSince", a.activeSince());
            item.put("firedAt", a.firedAt());
            item.put("resolvedAt", a.resolvedAt());
            alerts.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1);
        out.put("status", m.status());
        out.put("title", m.title());
        out.put("rule", rule);
        out.put("alerts", alerts);
        out.put("service", m.service());
        out.put("instance", m.instance());
        out.put("sentAt", m.at());
        return JsonText.write(out);
    }
}

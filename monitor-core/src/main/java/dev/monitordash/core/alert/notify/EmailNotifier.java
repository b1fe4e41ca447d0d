package dev.monitordash.core.alert.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail over SMTP: STARTTLS required by default ({@code security=starttls}; {@code ssl} for SMTPS, {@code
 * none} for a local relay), login when a user name is set, every network step bounded by
 * {@link Notifier#TIMEOUT}.
 */
final class EmailNotifier implements Notifier {

    private final Map<String, String> settings;
    private final String password;

    EmailNotifier(Map<String, String> settings, String password) {
        this.settings = settings;
        this.password = password;
    }

    @Override
    public void send(Message m) throws Exception {
        String security = settings.getOrDefault("security", "starttls");
        String protocol = security.equals("ssl") ? "smtps" : "smtp";
        String timeout = Long.toString(Notifier.TIMEOUT.toMillis());
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail.transport.protocol.rfc822", protocol);
        p.put("mail." + protocol + ".host", settings.get("host"));
        p.put("mail." + protocol + ".port", settings.getOrDefault("port", "587"));
        p.put("mail." + protocol + ".connectiontimeout", timeout);
        p.put("mail." + protocol + ".timeout", timeout);
        p.put("mail." + protocol + ".writetimeout", timeout);
        String user = settings.get("username");
        p.put("mail." + protocol + ".auth", Boolean.toString(user != null));
        if (security.equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Session session = Session.getInstance(p);
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(settings.get("from")));
        mail.setRecipients(RecipientType.TO, InternetAddress.parse(settings.get("to")));
        mail.setSubject(m.title(), "UTF-8");
        mail.setText(m.text(), "UTF-8");
        mail.setSentDate(Date.from(m.at()));
        if (user != null) {
            Transport.send(mail, user, password == null ? "" : password);
        } else {
            Transport.send(mail);
        }
    }
}

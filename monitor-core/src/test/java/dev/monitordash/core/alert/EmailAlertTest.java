package dev.monitordash.core.alert;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.monitordash.core.alert.notify.FieldException;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.SqliteTestDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail receivers against a real SMTP server (GreenMail) that requires a login. */
class EmailAlertTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret"));

    @TempDir
    Path dir;
    private AlertFixture f;

    @BeforeEach
    void start() {
        SqliteTestDatabase db = new SqliteTestDatabase(dir);
        f = new AlertFixture(db.config(db.freshUrl()), "node-1");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Receiver mail(String password) {
        return mail(password, "none");
    }

    private Receiver mail(String password, String security) {
        return f.alerting.receivers().save(new Receiver(null, "oncall", ReceiverKind.EMAIL, Map.of("host", "127.0.0.1",
                "port", Integer.toString(SMTP.getSmtp().getPort()), "security", security, "username", "alerts",
                "from", "monitordash@example.com", "to", "oncall@example.com, lead@example.com"), password, true),
                f.clock.instant());
    }

    @Test
    void smtpServerReceivesExactlyOneFiringAndOneResolvedMessage() throws Exception {
        mail("s3cret");
        f.rule("p95 too slow", Metric.P95, "*", 500, Duration.ofMinutes(1));
        f.requests("/checkout", 30, 1_200);
        f.evaluate(Duration.ZERO);
        f.requests("/checkout", 30, 1_200);
        f.evaluate(Duration.ofSeconds(61));
        Await.until("the firing mail", Duration.ofSeconds(20), () -> SMTP.getReceivedMessages().length == 2);
        MimeMessage firing = SMTP.getReceivedMessages()[0];
        assertEquals("[FIRING 1] p95 too slow", firing.getSubject());
        assertTrue(String.valueOf(firing.getContent()).contains("/checkout: 1200ms"), String.valueOf(firing.getContent()));

        f.requests("/checkout", 3_000, 5); // 60 slow of 3 060: the p95 is fast again
        f.evaluate(Duration.ofSeconds(30));
        Await.until("the resolved mail", Duration.ofSeconds(20), () -> SMTP.getReceivedMessages().length == 4);
        f.evaluate(Duration.ofSeconds(30));
        Thread.sleep(300);
        // One message to two recipients: GreenMail keeps a copy per recipient.
        assertEquals(4, SMTP.getReceivedMessages().length);
        long resolved = 0;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            resolved += m.getSubject().equals("[RESOLVED] p95 too slow") ? 1 : 0;
        }
        assertEquals(2, resolved, "one resolved message, a copy per recipient");
    }

    @Test
    void wrongPasswordFailsTheTestMessageWithTheServersReason() {
        Receiver r = mail("wrong");
        String error = f.alerting.sendTest(r.id());
        assertNotNull(error);
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertEquals("failed", f.alerting.history(1).get(0).outcome());
    }

    @Test
    void starttlsIsRequiredByDefaultSoAServerWithoutItGetsNothing() {
        // GreenMail offers no STARTTLS: the password must never go over the plain connection.
        Receiver r = mail("s3cret", "starttls");
        String error = f.alerting.sendTest(r.id());
        assertNotNull(error);
        assertTrue(error.toUpperCase(java.util.Locale.ROOT).contains("STARTTLS"), error);
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void invalidAddressesAreRefusedNamingTheField() {
        FieldException e = assertThrows(FieldException.class, () -> new Receiver(null, "x", ReceiverKind.EMAIL,
                Map.of("host", "smtp.example.com", "from", "me@example.com", "to", "not an address"), null, true));
        assertEquals("to", e.field());
    }
}

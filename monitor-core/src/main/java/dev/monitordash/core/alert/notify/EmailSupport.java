package dev.monitordash.core.alert.notify;

/**
 * Whether e-mail can be sent: Jakarta Mail (org.eclipse.angus:angus-mail) is an optional dependency, so an
 * application that never mails carries none of it. Its classes are touched only through
 * {@link EmailNotifier}, which is loaded only when a mail receiver is used.
 */
final class EmailSupport {

    static final String ARTIFACT = "org.eclipse.angus:angus-mail";

    private EmailSupport() {
    }

    static boolean available() {
        try {
            Class.forName("jakarta.mail.Session", false, EmailSupport.class.getClassLoader());
            Class.forName("org.eclipse.angus.mail.smtp.SMTPTransport", false, EmailSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Refuses a mail receiver when the library is missing, naming the artifact to add. */
    static void require() {
        if (!available()) {
            throw new FieldException("kind", "email needs " + ARTIFACT + " on the application's class path"
                    + " (docs/alerts.md#e-mail)");
        }
    }

    static Notifier notifier(Receiver r) {
        require();
        return new EmailNotifier(r.settings(), r.secret());
    }
}

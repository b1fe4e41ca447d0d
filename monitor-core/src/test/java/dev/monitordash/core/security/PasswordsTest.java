package dev.monitordash.core.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {

    /** Made with Python: hashlib.pbkdf2_hmac('sha256', b'correct horse', bytes(range(16)), 1000, 32). */
    private static final String PYTHON_HASH =
            "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=";
    /** The same for 'pässwörd' encoded as UTF-8. */
    private static final String PYTHON_HASH_UTF8 =
            "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:L1aYbGjzdoPwxPhGrTdCzJAIXgv98gXX9F7Efjyq3Og=";
    private static final String HASH_FORMAT = "\\{pbkdf2}\\d+:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}";

    @Test
    void verifiesHashesMadeByOtherPbkdf2Implementations() {
        assertTrue(Passwords.matches(PYTHON_HASH, "correct horse"));
        assertFalse(Passwords.matches(PYTHON_HASH, "correct horse "));
        assertFalse(Passwords.matches(PYTHON_HASH, "Correct horse"));
        assertFalse(Passwords.matches(PYTHON_HASH, ""));
        assertFalse(Passwords.matches(PYTHON_HASH, null));
        assertTrue(Passwords.matches(PYTHON_HASH_UTF8, "pässwörd"));
    }

    @Test
    void hashThenMatchWithDefaultIterations() {
        String hash = Passwords.hash("s3cret!");
        assertTrue(hash.matches(HASH_FORMAT), hash);
        assertTrue(hash.startsWith("{pbkdf2}" + Passwords.DEFAULT_ITERATIONS + ":"), hash);
        assertTrue(Passwords.matches(hash, "s3cret!"));
        assertFalse(Passwords.matches(hash, "s3cret"));
        assertTrue(Passwords.isHash(hash));
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        String a = Passwords.hash("same", 1_000);
        String b = Passwords.hash("same", 1_000);
        assertNotEquals(a, b);
        assertTrue(Passwords.matches(a, "same") && Passwords.matches(b, "same"));
    }

    @Test
    void plainAndNoopPasswordsMatchExactly() {
        assertTrue(Passwords.matches("admin", "admin"));
        assertFalse(Passwords.matches("admin", "admin "));
        assertFalse(Passwords.matches("admin", "Admin"));
        assertFalse(Passwords.matches("admin", null));
        assertTrue(Passwords.matches("{noop}{curly}", "{curly}"));
        assertFalse(Passwords.matches("{noop}pw", "{noop}pw"));
        assertFalse(Passwords.isHash("{noop}pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{pbkdf2}",
        "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==",
        "{pbkdf2}lots:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
        "{pbkdf2}0:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
        "{pbkdf2}99999999:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
        "{pbkdf2}1000:!!!:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
        "{pbkdf2}1000:AAEC:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=",
        "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:AAEC",
        "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=:extra",
        "{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "{SHA}secret",
        "{noop}"
    })
    void refusesMalformedOrUnknownHashesWithoutEchoingThem(String stored) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Passwords.checkFormat(stored));
        assertThrows(IllegalArgumentException.class, () -> Passwords.matches(stored, "x"));
        String tail = stored.substring(stored.indexOf('}') + 1);
        assertTrue(tail.isEmpty() || !e.getMessage().contains(tail), e.getMessage());
    }

    @Test
    void acceptsWellFormedStoredPasswords() {
        Passwords.checkFormat(PYTHON_HASH);
        Passwords.checkFormat("plain");
        Passwords.checkFormat("{noop}plain");
        Passwords.checkFormat("not {a} scheme");
    }

    @Test
    void refusesToHashNothingOrWithAbsurdIterations() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(""));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("x", 0));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("x", Passwords.MAX_ITERATIONS + 1));
    }

    @Test
    void generatesDistinctReadablePasswords() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String p = Passwords.generate();
            assertEquals(20, p.length());
            assertTrue(p.matches("[A-HJ-NP-Za-km-z2-9]{20}"), p);
            assertTrue(seen.add(p), "repeated " + p);
        }
    }

    @Test
    void mainPrintsAHashOfItsArgument() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Passwords.main(new String[] {"from main"});
        } finally {
            System.setOut(original);
        }
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(hash.matches(HASH_FORMAT), hash);
        assertTrue(Passwords.matches(hash, "from main"));
    }

    /** The documented command works with monitor-core alone on the class path: nothing but the JDK needed. */
    @Test
    void documentedCommandRunsWithOnlyMonitorCoreOnTheClassPath() throws Exception {
        Path classes = Path.of(Passwords.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");

        String fromArg = run(List.of(java, "-cp", classes.toString(), Passwords.class.getName(), "cli secret"), null);
        assertTrue(Passwords.matches(fromArg, "cli secret"), fromArg);

        String fromStdin = run(List.of(java, "-cp", classes.toString(), Passwords.class.getName()), "piped secret\n");
        assertTrue(Passwords.matches(fromStdin, "piped secret"), fromStdin);
    }

    private static String run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hash command did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

package dev.monitordash.core.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Dashboard passwords as they appear in the configuration: plain text, {@code {noop}<plain text>}, or a
 * PBKDF2 hash {@code {pbkdf2}<iterations>:<base64 salt>:<base64 hash>} (PBKDF2WithHmacSHA256). Pure JDK,
 * so that {@code java -cp monitor-core.jar dev.monitordash.core.security.Passwords} can hash a password
 * without any other jar on the class path.
 *
 * <p>Both forms are compared in constant time: plain text through SHA-256 digests of equal length (so not
 * even the stored password's length leaks), hashes through {@link MessageDigest#isEqual}.
 */
public final class Passwords {

    public static final String PBKDF2_PREFIX = "{pbkdf2}";
    public static final String NOOP_PREFIX = "{noop}";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about 150 ms per check on a 2-core CI machine. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Refuses configured hashes that would make every login burn CPU for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;
    private static final Pattern SCHEME = Pattern.compile("\\{[A-Za-z0-9_-]+}.*", Pattern.DOTALL);
    // No 0/O, 1/l/I: the generated password is read from a log by a human.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int GENERATED_LENGTH = 20; // 20 chars of 57 symbols: about 116 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new {@code {pbkdf2}} hash of the password with a random salt and {@link #DEFAULT_ITERATIONS}. */
    public static String hash(String password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    /** As {@link #hash(String)} with a chosen number of iterations (1 to 10 000 000). */
    public static String hash(String password, int iterations) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1-" + MAX_ITERATIONS + ", was " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return PBKDF2_PREFIX + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /**
     * Whether the candidate matches the stored (configured) password, in constant time.
     *
     * @throws IllegalArgumentException when {@code stored} is a malformed hash (see {@link #checkFormat})
     */
    public static boolean matches(String stored, String candidate) {
        if (stored == null) {
            throw new IllegalArgumentException("no stored password");
        }
        String given = candidate == null ? "" : candidate;
        if (stored.startsWith(PBKDF2_PREFIX)) {
            Pbkdf2 p = Pbkdf2.parse(stored);
            return MessageDigest.isEqual(p.hash, pbkdf2(given, p.salt, p.iterations, p.hash.length));
        }
        String plain = plainText(stored);
        return MessageDigest.isEqual(sha256(plain), sha256(given)) && candidate != null;
    }

    /**
     * Checks that a configured password can be used; the message says what is wrong without echoing it.
     *
     * @throws IllegalArgumentException for a malformed {@code {pbkdf2}} hash or an unknown {@code {scheme}}
     */
    public static void checkFormat(String stored) {
        if (stored.startsWith(PBKDF2_PREFIX)) {
            Pbkdf2.parse(stored);
        } else {
            plainText(stored);
        }
    }

    /** True when the configured password is a hash rather than plain text. */
    public static boolean isHash(String stored) {
        return stored != null && stored.startsWith(PBKDF2_PREFIX);
    }

    /** A random password of 20 letters and digits (about 116 bits), for when none is configured. */
    public static String generate() {
        char[] out = new char[GENERATED_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /**
     * Prints a hash for the configuration: {@code java -cp monitor-core.jar
     * dev.monitordash.core.security.Passwords 'secret'}; without an argument it reads the password from
     * the console (not echoed) or from one line of standard input, which keeps it out of shell history.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.err.println("usage: java -cp monitor-core.jar " + Passwords.class.getName() + " [password]");
            System.err.println("Prints {pbkdf2}<iterations>:<salt>:<hash> for monitordash.*.password."
                    + " Without an argument the password is read from the console or standard input.");
            System.exit(2);
            return;
        }
        String password = args.length == 1 ? args[0] : readPassword();
        if (password == null || password.isEmpty()) {
            System.err.println("no password given");
            System.exit(1);
            return;
        }
        System.out.println(hash(password));
    }

    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] chars = console.readPassword("Password: ");
            return chars == null ? null : new String(chars);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.readLine();
    }

    private static String plainText(String stored) {
        if (stored.startsWith(NOOP_PREFIX)) {
            String plain = stored.substring(NOOP_PREFIX.length());
            if (plain.isEmpty()) { // would let anyone in with an empty password
                throw new IllegalArgumentException("empty password after " + NOOP_PREFIX);
            }
            return plain;
        }
        if (SCHEME.matcher(stored).matches()) {
            String scheme = stored.substring(0, stored.indexOf('}') + 1);
            throw new IllegalArgumentException("unknown password scheme " + scheme
                    + " (a plain password starting with '{' must be written as {noop}<password>)");
        }
        return stored;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The parsed parts of a {@code {pbkdf2}} hash. */
    private static final class Pbkdf2 {
        final int iterations;
        final byte[] salt;
        final byte[] hash;

        private Pbkdf2(int iterations, byte[] salt, byte[] hash) {
            this.iterations = iterations;
            this.salt = salt;
            this.hash = hash;
        }

        static Pbkdf2 parse(String stored) {
            String[] parts = stored.substring(PBKDF2_PREFIX.length()).split(":", -1);
            if (parts.length != 3) {
                throw malformed("expected <iterations>:<base64 salt>:<base64 hash>");
            }
            int iterations;
            try {
                iterations = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw malformed("iterations is not a number");
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw malformed("iterations must be 1-" + MAX_ITERATIONS);
            }
            byte[] salt = base64(parts[1], "salt");
            byte[] hash = base64(parts[2], "hash");
            if (salt.length < MIN_SALT_BYTES) {
                throw malformed("salt must be at least " + MIN_SALT_BYTES + " bytes");
            }
            if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                throw malformed("hash must be " + MIN_HASH_BYTES + "-" + MAX_HASH_BYTES + " bytes");
            }
            return new Pbkdf2(iterations, salt, hash);
        }

        private static byte[] base64(String s, String what) {
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw malformed(what + " is not valid base64");
            }
        }

        private static IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("malformed " + PBKDF2_PREFIX + " hash: " + why);
        }
    }
}

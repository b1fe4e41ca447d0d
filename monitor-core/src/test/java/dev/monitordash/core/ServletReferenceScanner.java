package dev.monitordash.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds references to {@code jakarta.servlet} types, which monitor-core must never have (it is the
 * framework-neutral engine; only monitor-ui and monitor-servlet know servlets). Two views, because each
 * misses something the other sees: sources give a file and line for imports and fully qualified names
 * (comments and string literals do not count); compiled classes catch whatever reaches the bytecode, since
 * every type a class uses is named in its constant pool as {@code jakarta/servlet/...}.
 */
final class ServletReferenceScanner {

    private static final Pattern IN_SOURCE = Pattern.compile("\\bjakarta\\s*\\.\\s*servlet\\b");
    private static final byte[] IN_CLASS = "jakarta/servlet/".getBytes(StandardCharsets.US_ASCII);

    private ServletReferenceScanner() {
    }

    /** "path:line: text" for each reference in the {@code .java} files under {@code root}. */
    static List<String> scanSources(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(root, ".java")) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            String code = codeOnly(source);
            Matcher m = IN_SOURCE.matcher(code);
            while (m.find()) {
                int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                found.add(file + ":" + line + ": " + source.lines().skip(line - 1).findFirst().orElse("").strip());
            }
        }
        return found;
    }

    /** The {@code .class} files under {@code root} whose constant pool names a jakarta.servlet type. */
    static List<String> scanClasses(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(root, ".class")) {
            if (contains(Files.readAllBytes(file), IN_CLASS)) {
                found.add(file.toString());
            }
        }
        return found;
    }

    static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** The source with comments and string/char literals blanked out; line breaks kept for line numbers. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = closing(src, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                end = closing(src, i + 1, String.valueOf(c));
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(src.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static int closing(String src, int from, String quote) {
        int k = from;
        while (k < src.length()) {
            if (src.charAt(k) == '\\') {
                k += 2;
            } else if (src.startsWith(quote, k)) {
                return k + quote.length();
            } else {
                k++;
            }
        }
        return src.length();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

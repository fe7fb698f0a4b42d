package dev.berth;

import dev.berth.internal.IgnoreRule;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A test oracle for {@link IgnoreRule}: moby/patternmatcher's translation of a line without backslash escapes, run by
 * java.util.regex. Without escapes, the Go expression differs from Java's reading of it only inside classes (Go takes
 * {@code [} and {@code &&} literally and knows {@code [:alpha:]}), which this rewrites. java.util.regex backtracks,
 * so feed it short paths only; the product code has no java.util.regex.
 */
final class DockerIgnoreRegexOracle {
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "Alnum"),
            Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
            Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
            Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

    private DockerIgnoreRegexOracle() {
    }

    /**
     * The line's matcher, as a predicate on one path; null where Go's regexp would refuse the expression (a bad
     * range or POSIX name). The line must have no backslash and must pass filepath.Match's syntax check.
     */
    static java.util.function.Predicate<String> compile(String line) {
        String p = IgnoreRule.clean(IgnoreRule.trimSpace(line));
        p = p.startsWith("!") ? p.substring(1) : p; // an exception matches as the line without its "!"
        if (p.contains("\\")) {
            throw new IllegalArgumentException("escape-free lines only: " + p);
        }
        StringBuilder go = new StringBuilder("^");
        String kind = "exact"; // patternmatcher's fast paths: exact, prefix ("a/**"), suffix ("**/a"), else regex
        for (int i = 0, step = 0; i < p.length(); i++, step++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
                    i++;
                }
                if (i + 1 == p.length() && kind.equals("exact")) {
                    kind = "prefix";
                } else {
                    go.append(i + 1 == p.length() ? ".*" : "(.*/)?");
                    kind = "regex";
                }
                kind = step == 0 ? "suffix" : kind;
            } else if (c == '*' || c == '?') {
                go.append(c == '*' ? "[^/]*" : "[^/]");
                kind = "regex";
            } else if (".+()|{}$".indexOf(c) >= 0) {
                go.append('\\').append(c);
            } else {
                go.append(c);
                kind = c == '[' || c == ']' ? "regex" : kind;
            }
        }
        if (kind.equals("exact")) {
            return p::equals;
        }
        if (kind.equals("prefix")) {
            String prefix = p.substring(0, p.length() - 2);
            return path -> path.startsWith(prefix);
        }
        if (kind.equals("suffix")) {
            String suffix = p.substring(2);
            return path -> path.endsWith(suffix) || suffix.startsWith("/") && path.equals(suffix.substring(1));
        }
        try {
            Pattern java = Pattern.compile(toJava(go.append('$').toString()), Pattern.UNIX_LINES);
            return path -> java.matcher(path).matches();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Rewrites Go classes for Java: '[' and '&' literal, POSIX names as \p{...}. */
    private static String toJava(String go) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < go.length()) {
            char c = go.charAt(i);
            if (c == '\\') {
                out.append(go, i, i + 2);
                i += 2;
            } else if (c == '[') {
                i = charClass(go, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int charClass(String go, int i, StringBuilder out) {
        out.append('[');
        i++;
        if (i < go.length() && go.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < go.length()) {
            char c = go.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                return i + 1;
            }
            first = false;
            if (c == '\\') {
                out.append(go, i, i + 2);
                i += 2;
            } else if (go.startsWith("[:", i) && go.indexOf(":]", i + 2) >= 0) {
                int close = go.indexOf(":]", i + 2);
                String name = go.substring(i + 2, close);
                boolean negated = name.startsWith("^");
                name = negated ? name.substring(1) : name;
                if (name.equals("word")) {
                    out.append(negated ? "\\W" : "\\w");
                } else if (POSIX.containsKey(name)) {
                    out.append(negated ? "\\P{" : "\\p{").append(POSIX.get(name)).append('}');
                } else {
                    throw new IllegalArgumentException("no POSIX class " + name);
                }
                i = close + 2;
            } else {
                out.append(c == '[' || c == '&' || c == ']' ? "\\" + c : String.valueOf(c));
                i++;
            }
        }
        throw new IllegalArgumentException("missing ]");
    }
}

package dev.berth.internal;

import dev.berth.DockerIgnore;
import dev.berth.errors.InvalidIgnorePatternException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code .dockerignore} line, compiled as moby/patternmatcher compiles it for the CLI: a literal line is compared
 * as a string, {@code foo/**} and {@code **foo} are prefix and suffix tests (quirks included), and every other line
 * becomes a Go regular expression, run by {@link Nfa} in linear time. There is no other matcher.
 */
public final class IgnoreRule {
    /** patternmatcher's match types; the first three are its fast paths. */
    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    /** Characters patternmatcher escapes: regexp syntax with no meaning in a filepath.Match pattern. */
    private static final String QUOTED = ".+()|{}$";

    public final boolean exception;
    private final String shown;
    private final Kind kind;
    private final String literal;
    private final Nfa nfa;

    private IgnoreRule(String shown, boolean exception, Kind kind, String literal, Nfa nfa) {
        this.shown = shown;
        this.exception = exception;
        this.kind = kind;
        this.literal = literal;
        this.nfa = nfa;
    }

    /**
     * patternmatcher.New plus compile for one normalised line ({@code !} prefix for an exception).
     *
     * @throws InvalidIgnorePatternException for a line the CLI refuses
     */
    public static IgnoreRule compile(String line) {
        String p = clean(trimSpace(line));
        boolean exception = p.charAt(0) == '!';
        if (exception) {
            if (p.length() == 1) {
                throw new InvalidIgnorePatternException("!", "illegal exclusion pattern");
            }
            p = p.substring(1);
        }
        String shown = (exception ? "!" : "") + p;
        checkSyntax(p, shown);
        StringBuilder re = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int[] cps = p.codePoints().toArray();
        int pos = 0;
        for (int step = 0; pos < cps.length; step++) {
            int ch = cps[pos++];
            if (ch == '*') {
                if (pos < cps.length && cps[pos] == '*') {
                    pos++;
                    if (pos < cps.length && cps[pos] == '/') {
                        pos++; // "**/" behaves as "**"
                    }
                    if (pos == cps.length) {
                        if (kind == Kind.EXACT) {
                            kind = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            kind = Kind.REGEX;
                        }
                    } else {
                        re.append("(.*/)?"); // any number of directories, zero included
                        kind = Kind.REGEX;
                    }
                    if (step == 0) {
                        kind = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    kind = Kind.REGEX;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (QUOTED.indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                // copied as it stands, so Go's regexp decides what \b, \d, \Q... mean; checkSyntax saw a next char
                re.append('\\').appendCodePoint(cps[pos++]);
                kind = Kind.REGEX;
            } else {
                re.appendCodePoint(ch);
                if (ch == '[' || ch == ']') {
                    kind = Kind.REGEX; // classes go to the regexp verbatim (and '*' inside one still expands)
                }
            }
        }
        switch (kind) {
            case PREFIX:
                return new IgnoreRule(shown, exception, kind, p.substring(0, p.length() - 2), null);
            case SUFFIX:
                return new IgnoreRule(shown, exception, kind, p.substring(2), null);
            case REGEX:
                try {
                    return new IgnoreRule(shown, exception, kind, null, GoRegex.compile(re.append('$').toString()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidIgnorePatternException(shown, e.getMessage());
                }
            default:
                return new IgnoreRule(shown, exception, kind, p, null);
        }
    }

    /** Whether the line matches this path (the path itself; {@link DockerIgnore} tries the parents). */
    public boolean matches(String path) {
        switch (kind) {
            case EXACT:
                return path.equals(literal);
            case PREFIX:
                return path.startsWith(literal);
            case SUFFIX:
                // "**/foo" also matches "foo" at the top
                return path.endsWith(literal) || literal.startsWith("/") && path.equals(literal.substring(1));
            default:
                return nfa.matches(path);
        }
    }

    /** Whether some path starting with {@code prefix} (a directory plus "/") could match. */
    public boolean couldMatchUnder(String prefix) {
        switch (kind) {
            case EXACT:
                return literal.startsWith(prefix);
            case PREFIX:
                return literal.startsWith(prefix) || prefix.startsWith(literal);
            case SUFFIX:
                return true;
            default:
                return nfa.couldMatchUnder(prefix);
        }
    }

    @Override
    public String toString() {
        return shown;
    }

    /**
     * The syntax check {@code filepath.Match} applies (the CLI refuses a file with a malformed pattern): a backslash
     * needs a following character; a class needs a closing {@code ]} and at least one character or range, and a
     * class character may not be an unescaped {@code -} or {@code ]}.
     */
    private static void checkSyntax(String p, String shown) {
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw syntax(shown);
                }
                i += 1 + Character.charCount(p.codePointAt(i + 1));
            } else if (c == '[') {
                i++;
                if (i < n && p.charAt(i) == '^') {
                    i++;
                }
                for (int ranges = 0; ; ranges++) {
                    if (i < n && p.charAt(i) == ']' && ranges > 0) {
                        i++;
                        break;
                    }
                    i = classChar(p, i, shown);
                    if (p.charAt(i) == '-') {
                        i = classChar(p, i + 1, shown);
                    }
                }
            } else {
                i++;
            }
        }
    }

    /** Go's getEsc: one class character at i; returns the index after it, which must not be the end. */
    private static int classChar(String p, int i, String shown) {
        int n = p.length();
        if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
            throw syntax(shown);
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= n) {
                throw syntax(shown);
            }
        }
        i += Character.charCount(p.codePointAt(i));
        if (i >= n) {
            throw syntax(shown);
        }
        return i;
    }

    private static InvalidIgnorePatternException syntax(String shown) {
        return new InvalidIgnorePatternException(shown, "syntax error in pattern");
    }

    /** Go's {@code path.Clean}: the shortest equivalent path, "." for an empty result. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add(segment);
                }
            } else {
                out.add(segment);
            }
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's {@code strings.TrimSpace}: trims what {@code unicode.IsSpace} calls space. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        switch (c) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
            case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }
}

package dev.berth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A build context's {@code .dockerignore}, with the {@code docker} CLI's semantics: lines are patterns in Go
 * {@code filepath.Match} syntax ({@code *} and {@code ?} never cross {@code /}, {@code [a-z]}, {@code [^a-z]},
 * backslash escapes) plus {@code **} for any number of directories; a leading {@code !} makes an exception; the
 * <em>last</em> line that matches a path decides; and a line that matches a parent directory matches everything
 * beneath it. Instances are immutable and safe to share.
 *
 * <pre>{@code
 * DockerIgnore ignore = DockerIgnore.parse("""
 *         # dependencies are installed in the image
 *         node_modules
 *         **}{@code /*.log
 *         !logs/keep.log
 *         """).withAlwaysIncluded("Dockerfile", ".dockerignore");
 * ignore.excludes("node_modules/left-pad/index.js");   // true
 * ignore.excludes("logs/keep.log");                    // false
 * ignore.canSkipDirectory("node_modules");             // true: nothing beneath it can come back
 * }</pre>
 */
public final class DockerIgnore {
    private static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Parses the text of a {@code .dockerignore} file as the CLI reads it: a UTF-8 byte order mark is dropped; lines
     * starting with {@code #} are comments; every other line is trimmed and skipped when blank; a leading {@code !}
     * marks an exception; each pattern is cleaned like Go's {@code filepath.Clean} ({@code //}, {@code .} and
     * {@code ..} collapse) and loses a leading {@code /}.
     *
     * <pre>{@code
     * DockerIgnore.parse("/build//out/../tmp\n!build/tmp/keep").patterns();   // [build/tmp, !build/tmp/keep]
     * }</pre>
     *
     * @throws IllegalArgumentException for a pattern the CLI would refuse: a lone {@code !} or a malformed
     *         {@code filepath.Match} pattern (unclosed {@code [}, empty class, trailing backslash)
     */
    public static DockerIgnore parse(String content) {
        Objects.requireNonNull(content, "content");
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = trimSpace(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.charAt(0) == '!';
            if (exception) {
                pattern = trimSpace(pattern.substring(1));
            }
            rules.add(Rule.compile((exception ? "!" : "") + normalize(pattern)));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /**
     * No patterns: nothing is excluded.
     *
     * <pre>{@code
     * DockerIgnore.none().excludes("anything");   // false
     * }</pre>
     */
    public static DockerIgnore none() {
        return NONE;
    }

    /**
     * The {@code .dockerignore} at the root of {@code contextDir}, or {@link #none()} when there is none.
     *
     * <pre>{@code
     * DockerIgnore ignore = DockerIgnore.read(Path.of("app")).withAlwaysIncluded("Dockerfile", ".dockerignore");
     * }</pre>
     *
     * @throws IOException when the file exists but cannot be read
     * @throws IllegalArgumentException when it holds a pattern the CLI would refuse, see {@link #parse(String)}
     */
    public static DockerIgnore read(Path contextDir) throws IOException {
        Path file = contextDir.resolve(".dockerignore");
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return none();
        }
    }

    /**
     * A copy with an exception ({@code !path}) appended for each path, so those files are sent whatever the patterns
     * say; the CLI does this for the Dockerfile and {@code .dockerignore} (the daemon drops them again when they were
     * excluded). Glob characters in the paths are escaped, so each exception names exactly one file.
     *
     * <pre>{@code
     * DockerIgnore.parse("*").withAlwaysIncluded("Dockerfile").excludes("Dockerfile");   // false
     * }</pre>
     */
    public DockerIgnore withAlwaysIncluded(String... paths) {
        List<Rule> more = new ArrayList<>(rules);
        for (String path : paths) {
            Objects.requireNonNull(path, "path");
            StringBuilder escaped = new StringBuilder();
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if ("*?[]\\^".indexOf(c) >= 0) { // ^ too: unescaped, it is an anchor in the regex (never matches)
                    escaped.append('\\');
                }
                escaped.append(c);
            }
            String line = "!" + normalize(escaped.toString());
            if (clean(trimSpace(line)).equals("!")) {
                continue; // the context root (or only blanks): never excluded, and a lone "!" is no pattern
            }
            more.add(Rule.compile(line));
        }
        return new DockerIgnore(List.copyOf(more));
    }

    /**
     * Whether the CLI would leave this path out of the build context. The path is relative to the context root with
     * {@code /} separators ({@code src/main.go}); it is cleaned first, and the root itself ({@code .} or {@code ""})
     * is never excluded. Every line is tried in order against the path and each of its parent directories; the last
     * line that matches decides, an exception meaning "keep".
     *
     * <pre>{@code
     * DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/README.md");
     * ignore.excludes("docs/api/index.html");   // true: docs matches a parent
     * ignore.excludes("docs/README.md");        // false: the exception comes last
     * }</pre>
     */
    public boolean excludes(String relativePath) {
        String file = relative(relativePath);
        if (file.isEmpty()) {
            return false;
        }
        int lastSlash = file.lastIndexOf('/');
        String parent = lastSlash < 0 ? null : file.substring(0, lastSlash);
        boolean matched = false;
        for (Rule rule : rules) {
            if (rule.exception != matched) {
                continue; // cannot change the outcome
            }
            boolean match = rule.matches(file);
            if (!match && parent != null) {
                int end = -1;
                do { // each parent directory, outermost first
                    end = parent.indexOf('/', end + 1);
                    match = rule.matches(end < 0 ? parent : parent.substring(0, end));
                } while (!match && end >= 0);
            }
            if (match) {
                matched = !rule.exception;
            }
        }
        return matched;
    }

    /**
     * Whether a walker may leave out this directory without reading it: it is {@linkplain #excludes excluded} and no
     * exception could match anything beneath it. An excluded directory that cannot be skipped is not sent itself, but
     * its contents must still be visited because an exception may bring some of them back.
     * <p>
     * The classic CLI decides by a literal prefix test ({@code !big/keep.txt} keeps {@code big} open), which drops
     * files that wildcard exceptions such as {@code !*}{@code /keep.txt} would have kept; here wildcard exceptions are
     * taken into account, so skipping never loses a file that {@link #excludes} keeps.
     *
     * <pre>{@code
     * DockerIgnore.parse("big").canSkipDirectory("big");                    // true
     * DockerIgnore.parse("big\n!big/keep.txt").canSkipDirectory("big");     // false
     * }</pre>
     */
    public boolean canSkipDirectory(String relativeDir) {
        String dir = relative(relativeDir);
        if (dir.isEmpty() || !excludes(dir)) {
            return false;
        }
        String beneath = dir + "/";
        for (Rule rule : rules) {
            if (rule.exception && rule.couldMatchUnder(beneath)) {
                return false;
            }
        }
        return true;
    }

    /** The cleaned patterns in order, exceptions with their leading {@code !}. */
    public List<String> patterns() {
        List<String> list = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            list.add(rule.toString());
        }
        return Collections.unmodifiableList(list);
    }

    /** The cleaned patterns, for example {@code DockerIgnore[node_modules, !node_modules/keep]}. */
    @Override
    public String toString() {
        return "DockerIgnore" + patterns();
    }

    // ---- path helpers -------------------------------------------------------------------------------------

    /** The CLI's per-line normalisation: clean, then drop one leading slash unless the pattern is just "/". */
    private static String normalize(String pattern) {
        if (pattern.isEmpty()) {
            return pattern;
        }
        String cleaned = clean(pattern);
        return cleaned.length() > 1 && cleaned.charAt(0) == '/' ? cleaned.substring(1) : cleaned;
    }

    /** A path to test: cleaned, without a leading slash; the context root becomes "". */
    private static String relative(String path) {
        String cleaned = clean(Objects.requireNonNull(path, "path"));
        if (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        return cleaned.equals(".") ? "" : cleaned;
    }

    /** Go's {@code path.Clean}: the shortest equivalent path, "." for an empty result. */
    static String clean(String path) {
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
    private static String trimSpace(String s) {
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

    // ---- one line -----------------------------------------------------------------------------------------

    /** How a pattern is matched; the first three are moby/patternmatcher's fast paths, kept for their quirks. */
    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    /** One compiled line. */
    private static final class Rule {
        final String pattern;
        final boolean exception;
        final Kind kind;
        final String literal;
        final Pattern regex;
        /** The same expression run in linear time; null for the rare ones only java.util.regex can run. */
        final Glob glob;

        private Rule(String pattern, boolean exception, Kind kind, String literal, Pattern regex) {
            this.pattern = pattern;
            this.exception = exception;
            this.kind = kind;
            this.literal = literal;
            this.regex = regex;
            this.glob = regex == null ? null : Glob.of(regex.pattern());
        }

        /** patternmatcher.New plus compile for one normalised line ("!" prefix for an exception). */
        static Rule compile(String line) {
            String p = clean(trimSpace(line));
            boolean exception = false;
            if (p.charAt(0) == '!') {
                if (p.length() == 1) {
                    throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
                }
                exception = true;
                p = p.substring(1);
            }
            checkSyntax(p);
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
                } else if (".+()|{}$".indexOf(ch) >= 0) {
                    re.append('\\').appendCodePoint(ch);
                } else if (ch == '\\') {
                    re.append('\\').appendCodePoint(cps[pos++]); // checkSyntax guarantees a next character
                    kind = Kind.REGEX;
                } else if (ch == '[' || ch == ']') {
                    re.appendCodePoint(ch);
                    kind = Kind.REGEX;
                } else {
                    re.appendCodePoint(ch);
                }
            }
            String shown = (exception ? "!" : "") + p;
            switch (kind) {
                case PREFIX:
                    return new Rule(shown, exception, kind, p.substring(0, p.length() - 2), null);
                case SUFFIX:
                    return new Rule(shown, exception, kind, p.substring(2), null);
                case REGEX:
                    try {
                        return new Rule(shown, exception, kind, null,
                                Pattern.compile(GoRegex.toJava(re.toString()), Pattern.UNIX_LINES));
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException("bad pattern \"" + shown + "\": " + e.getDescription(), e);
                    }
                default:
                    return new Rule(shown, exception, kind, p, null);
            }
        }

        boolean matches(String path) {
            switch (kind) {
                case EXACT:
                    return path.equals(literal);
                case PREFIX:
                    return path.startsWith(literal);
                case SUFFIX:
                    // "**/foo" also matches "foo" at the top
                    return path.endsWith(literal)
                            || literal.startsWith("/") && path.equals(literal.substring(1));
                default:
                    return glob != null ? glob.matches(path) : regex.matcher(path).matches();
            }
        }

        /** {@link #matches}, but java.util.regex decides every REGEX line (for tests of the linear matcher). */
        boolean regexMatches(String path) {
            return kind == Kind.REGEX ? regex.matcher(path).matches() : matches(path);
        }

        /** Whether some path starting with {@code prefix} (a directory plus "/") could match. */
        boolean couldMatchUnder(String prefix) {
            switch (kind) {
                case EXACT:
                    return literal.startsWith(prefix);
                case PREFIX:
                    return literal.startsWith(prefix) || prefix.startsWith(literal);
                case SUFFIX:
                    return true;
                default:
                    if (glob != null) {
                        return glob.couldMatchUnder(prefix);
                    }
                    Matcher m = regex.matcher(prefix);
                    return m.matches() || m.hitEnd(); // hitEnd: more input could still match
            }
        }

        @Override
        public String toString() {
            return pattern;
        }
    }

    /** Test hook: whether one compiled line matches the path (the path itself, not its parents). */
    static boolean lineMatches(String line, String path) {
        return Rule.compile(line).matches(path);
    }

    /** Test hook: {@link #lineMatches} as java.util.regex decides it. */
    static boolean lineMatchesByRegex(String line, String path) {
        return Rule.compile(line).regexMatches(path);
    }

    /**
     * Runs the regular expression {@link Rule#compile} builds in linear time, as Go's RE2 runs it for the CLI:
     * java.util.regex backtracks, and lines such as {@code *a*a*a*a*a*a*a*a*a*ab} or {@code **}{@code /**}{@code /...}
     * take it minutes on one path. The expression is read back as a sequence of steps ({@code [^/]*}, {@code [^/]},
     * {@code (.*}{@code /)?}, {@code .*}, one-character classes and escapes, literal characters, a stray {@code ^}) and
     * run as an NFA over code points: a set of live steps, advanced one character at a time.
     */
    private static final class Glob {
        private static final int LITERAL = 0;
        private static final int ONE = 1;       // [^/]
        private static final int STAR = 2;      // [^/]*
        private static final int DIRS = 3;      // (.*/)?
        private static final int ALL = 4;       // .*
        private static final int CHAR = 5;      // a class or an escape: one character
        private static final int START = 6;     // ^ inside the expression: matches only at the start

        private final int[] kinds;
        private final int[] literals;
        private final Pattern[] chars;

        private Glob(List<int[]> steps, List<Pattern> classes) {
            kinds = new int[steps.size()];
            literals = new int[steps.size()];
            chars = classes.toArray(new Pattern[0]);
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = steps.get(i)[0];
                literals[i] = steps.get(i)[1];
            }
        }

        /** The steps of a Java expression as compile and GoRegex write it, or null when it holds anything else. */
        static Glob of(String java) {
            List<int[]> steps = new ArrayList<>();
            List<Pattern> classes = new ArrayList<>();
            int n = java.length();
            int i = java.startsWith("^") ? 1 : 0;
            try {
                while (i < n) {
                    char c = java.charAt(i);
                    if (java.startsWith("[^/]*", i)) {
                        steps.add(new int[] {STAR, 0});
                        i += 5;
                    } else if (java.startsWith("[^/]", i)) {
                        steps.add(new int[] {ONE, 0});
                        i += 4;
                    } else if (java.startsWith("(.*/)?", i)) {
                        steps.add(new int[] {DIRS, 0});
                        i += 6;
                    } else if (java.startsWith(".*", i)) {
                        steps.add(new int[] {ALL, 0});
                        i += 2;
                    } else if (c == '[' || c == '\\') {
                        int end = c == '[' ? classEnd(java, i) : escapeEnd(java, i);
                        if (end < 0) {
                            return null;
                        }
                        steps.add(new int[] {CHAR, classes.size()});
                        classes.add(Pattern.compile(java.substring(i, end)));
                        i = end;
                    } else if (c == '^') {
                        steps.add(new int[] {START, 0});
                        i++;
                    } else if (".*+?()|{}$".indexOf(c) >= 0) {
                        return null; // not written by compile
                    } else {
                        int cp = java.codePointAt(i);
                        steps.add(new int[] {LITERAL, cp});
                        i += Character.charCount(cp);
                    }
                }
            } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
                return null;
            }
            return new Glob(steps, classes);
        }

        /** The index after the class starting at i: GoRegex escapes every '[' and ']' inside one. */
        private static int classEnd(String java, int i) {
            int k = i + 1;
            if (k < java.length() && java.charAt(k) == '^') {
                k++;
            }
            while (k < java.length()) {
                char c = java.charAt(k);
                if (c == ']') {
                    return k + 1;
                }
                k = c == '\\' ? escapeEnd(java, k) : k + 1;
                if (k < 0) {
                    return -1;
                }
            }
            return -1;
        }

        /** The index after the escape at i, or -1 for one that is not a single character (\Q, \b, \A, ...). */
        private static int escapeEnd(String java, int i) {
            char d = java.charAt(i + 1);
            if ((d == 'x' || d == 'p' || d == 'P') && i + 2 < java.length() && java.charAt(i + 2) == '{') {
                int close = java.indexOf('}', i + 2);
                return close < 0 ? -1 : close + 1;
            }
            if (d == 'x') {
                return i + 4;
            }
            if (d == 'p' || d == 'P') {
                return i + 3;
            }
            if (Character.isLetterOrDigit(d) && "tnrfdDwWsSe".indexOf(d) < 0) {
                return -1; // anchors, quoting and the like: left to java.util.regex
            }
            return i + 2;
        }

        boolean matches(String path) {
            boolean[] live = run(path);
            return live != null && live[kinds.length];
        }

        /** Whether some path starting with {@code prefix} could match: a step is still live after it. */
        boolean couldMatchUnder(String prefix) {
            return run(prefix) != null;
        }

        /**
         * The live steps after the text: index i is "before step i" (kinds.length: the end), index
         * kinds.length + 1 + i is "inside the (.*}{@code /)? of step i"; null when none is live.
         */
        private boolean[] run(String text) {
            int n = kinds.length;
            boolean[] live = new boolean[2 * n + 1];
            boolean[] next = new boolean[live.length];
            live[0] = true;
            close(live, true);
            for (int at = 0; at < text.length(); ) {
                int c = text.codePointAt(at);
                at += Character.charCount(c);
                java.util.Arrays.fill(next, false);
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (live[i]) {
                        switch (kinds[i]) {
                            case LITERAL:
                                any |= next[i + 1] |= c == literals[i];
                                break;
                            case ONE:
                                any |= next[i + 1] |= c != '/';
                                break;
                            case STAR:
                                any |= next[i] |= c != '/';
                                break;
                            case ALL:
                                any |= next[i] |= c != '\n';
                                break;
                            case CHAR:
                                any |= next[i + 1] |= chars[literals[i]].matcher(Character.toString(c)).matches();
                                break;
                            case DIRS: // into the group: this character is its '/' or part of its .*
                                any |= next[i + 1] |= c == '/';
                                any |= next[n + 1 + i] |= c != '\n';
                                break;
                            default: // START: no character
                                break;
                        }
                    }
                    if (live[n + 1 + i]) { // inside (.*/)?: more of the .*, or the closing '/'
                        any |= next[n + 1 + i] |= c != '\n';
                        any |= next[i + 1] |= c == '/';
                    }
                }
                if (!any) {
                    return null;
                }
                close(next, false);
                boolean[] t = live;
                live = next;
                next = t;
            }
            return live;
        }

        /** Follows the steps that may match nothing: [^/]*, (.*}{@code /)?, .*, and ^ at the start. */
        private void close(boolean[] live, boolean atStart) {
            for (int i = 0; i < kinds.length; i++) {
                if (live[i] && (kinds[i] == STAR || kinds[i] == DIRS || kinds[i] == ALL
                        || kinds[i] == START && atStart)) {
                    live[i + 1] = true;
                }
            }
        }
    }

    /**
     * The syntax check {@code filepath.Match} applies (the CLI refuses a file with a malformed pattern): a backslash
     * needs a following character; a class needs a closing {@code ]} and at least one character or range, and a
     * class character may not be an unescaped {@code -} or {@code ]}.
     */
    private static void checkSyntax(String p) {
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw syntax(p);
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
                    i = classChar(p, i);
                    if (p.charAt(i) == '-') {
                        i = classChar(p, i + 1);
                    }
                }
            } else {
                i++;
            }
        }
    }

    /** Go's getEsc: one class character at i; returns the index after it, which must not be the end. */
    private static int classChar(String p, int i) {
        int n = p.length();
        if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
            throw syntax(p);
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= n) {
                throw syntax(p);
            }
        }
        i += Character.charCount(p.codePointAt(i));
        if (i >= n) {
            throw syntax(p);
        }
        return i;
    }

    private static IllegalArgumentException syntax(String p) {
        return new IllegalArgumentException("syntax error in pattern \"" + p + "\"");
    }

    /**
     * Translates the Go (RE2) regular expression patternmatcher builds into java.util.regex with the same meaning.
     * The two mostly agree; the differences reachable from a pattern are inside classes (Go takes {@code [} and
     * {@code &&} literally, knows {@code [:alpha:]}), octal escapes, {@code \s} and {@code \v}, and escapes Go
     * rejects.
     */
    private static final class GoRegex {
        private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "Alnum"),
                Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
                Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
                Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
                Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

        static String toJava(String go) {
            StringBuilder out = new StringBuilder(go.length() + 16);
            int i = 0;
            while (i < go.length()) {
                char c = go.charAt(i);
                if (c == '\\') {
                    i = escape(go, i, out, false);
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
                    i = escape(go, i, out, true);
                } else if (c == '[' && go.startsWith("[:", i) && go.indexOf(":]", i + 2) >= 0) {
                    int close = go.indexOf(":]", i + 2);
                    String name = go.substring(i + 2, close);
                    boolean negated = name.startsWith("^");
                    if (negated) {
                        name = name.substring(1);
                    }
                    if (name.equals("word")) {
                        out.append(negated ? "\\W" : "\\w");
                    } else if (POSIX.containsKey(name)) {
                        out.append(negated ? "\\P{" : "\\p{").append(POSIX.get(name)).append('}');
                    } else {
                        throw new PatternSyntaxException("invalid character class range", go, i);
                    }
                    i = close + 2;
                } else if (c == '[' || c == '&' || c == ']') {
                    out.append('\\').append(c);
                    i++;
                } else {
                    out.append(c);
                    i++;
                }
            }
            throw new PatternSyntaxException("missing closing ]", go, i);
        }

        /** One escape at i (a backslash); returns the index after it. */
        private static int escape(String go, int i, StringBuilder out, boolean inClass) {
            if (i + 1 >= go.length()) {
                throw new PatternSyntaxException("trailing backslash", go, i);
            }
            char c = go.charAt(i + 1);
            int next = i + 2;
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                out.append('\\').append(c); // escaped punctuation is itself
                return next;
            }
            if (c >= '0' && c <= '7' && (c == '0' || next < go.length() && isOctal(go.charAt(next)))) {
                int value = c - '0';
                for (int k = 0; k < 2 && next < go.length() && isOctal(go.charAt(next)); k++) {
                    value = value * 8 + go.charAt(next++) - '0';
                }
                out.append(String.format("\\x{%x}", value));
                return next;
            }
            switch (c) {
                case 'a': out.append("\\x07"); return next;
                case 'v': out.append("\\x0B"); return next;
                case 'f': case 't': case 'n': case 'r': case 'd': case 'D': case 'w': case 'W':
                    out.append('\\').append(c);
                    return next;
                case 's': out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); return next;
                case 'S': out.append("[^\\t\\n\\f\\r ]"); return next;
                case 'x': case 'p': case 'P':
                    out.append('\\').append(c); // same syntax in both
                    return next;
                case 'A': case 'z': case 'b': case 'B':
                    if (!inClass) {
                        out.append('\\').append(c);
                        return next;
                    }
                    break;
                case 'Q':
                    if (!inClass) {
                        int end = go.indexOf("\\E", next);
                        out.append(Pattern.quote(go.substring(next, end < 0 ? go.length() : end)));
                        return end < 0 ? go.length() : end + 2;
                    }
                    break;
                default:
                    break;
            }
            throw new PatternSyntaxException("invalid escape sequence", go, i);
        }

        private static boolean isOctal(char c) {
            return c >= '0' && c <= '7';
        }
    }
}

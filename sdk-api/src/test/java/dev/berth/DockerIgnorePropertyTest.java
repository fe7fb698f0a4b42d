package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.InvalidIgnorePatternException;
import dev.berth.internal.IgnoreRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link DockerIgnore}: parsing random pattern files throws nothing but
 * {@link InvalidIgnorePatternException}; matching random paths never throws; {@link DockerIgnore#canSkipDirectory}
 * never prunes a directory holding a path that {@link DockerIgnore#excludes} would keep; and, for patterns without
 * character classes or escapes, {@code excludes} agrees with an independent reference matcher written here; lines
 * without escapes match as java.util.regex runs the CLI's expression ({@link DockerIgnoreRegexOracle}); and lines
 * with every escape Go's regexp knows either are refused at parse time or match in linear time.
 *
 * <p>Fixed seeds; {@code -Dberth.fuzz.iterations=N} multiplies the case count for a longer run.
 */
class DockerIgnorePropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    private static final Duration LIMIT = Duration.ofSeconds(60L * FACTOR);
    /** Path pieces: file and directory names the patterns and the paths share. */
    private static final String[] NAMES = {"a", "b", "ab", "ba", "aa", "c.d", "x", "a.d", "bb"};
    /** Glob pieces of one segment, no classes or escapes. */
    private static final String[] GLOBS = {"*", "a*", "*b", "?", "a?", "?b", "*.d", "*a*", "??", "b*a", "*.*"};
    /** Everything, for the robustness and pruning properties: classes, escapes, ** inside a segment, ... */
    private static final String[] WILD = {"[a-c]", "[^a]", "[!a]", "[ab]", "\\*", "\\?", "\\a", "a**", "**b", "[a-", "[]",
        "[]a]", "[\\]]", "\\", "[[:alpha:]]", "[[:nope:]]", "[c-a]", "{a,b}", "(a|b)", "+", "$", "^", ".", "..", " ",
        "\u00e9", "\ud83d\udc33", "#", "!", "[a-c]*", "*[b]", "?[^b]?"};

    /** Printable ASCII as it is, everything else as a Java escape: failure messages must survive XML reports. */
    static String show(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    // ---- generators ----------------------------------------------------------------------------------------

    private static String segment(SplittableRandom r, boolean wild) {
        int roll = r.nextInt(100);
        if (roll < 35) {
            return NAMES[r.nextInt(NAMES.length)];
        }
        if (roll < 70) {
            return GLOBS[r.nextInt(GLOBS.length)];
        }
        if (roll < 85) {
            return "**";
        }
        if (roll < 90) {
            return r.nextBoolean() ? "." : "..";
        }
        return wild ? WILD[r.nextInt(WILD.length)] : NAMES[r.nextInt(NAMES.length)];
    }

    /** One line: maybe "!", maybe a leading or trailing "/", 1-4 segments, maybe blanks around. */
    private static String pattern(SplittableRandom r, boolean wild) {
        StringBuilder p = new StringBuilder();
        if (r.nextInt(10) < 3) {
            p.append('!').append(r.nextInt(4) == 0 ? " " : "");
        }
        if (r.nextInt(10) == 0) {
            p.append('/');
        }
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                p.append(r.nextInt(15) == 0 ? "//" : "/");
            }
            p.append(segment(r, wild));
        }
        if (r.nextInt(10) == 0) {
            p.append('/');
        }
        return (r.nextInt(8) == 0 ? " \t" : "") + p + (r.nextInt(8) == 0 ? "  " : "");
    }

    private static List<String> lines(SplittableRandom r, boolean wild) {
        List<String> lines = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            lines.add(pattern(r, wild));
        }
        return lines;
    }

    private static String file(List<String> lines, SplittableRandom r) {
        StringBuilder text = new StringBuilder(r.nextInt(10) == 0 ? "\uFEFF" : "");
        for (String line : lines) {
            if (r.nextInt(8) == 0) {
                text.append("# a comment\n");
            }
            if (r.nextInt(8) == 0) {
                text.append("   \n");
            }
            text.append(line).append(r.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    private static String path(SplittableRandom r, int minSegments, int maxSegments) {
        StringBuilder p = new StringBuilder();
        int n = minSegments + r.nextInt(maxSegments - minSegments + 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                p.append('/');
            }
            p.append(NAMES[r.nextInt(NAMES.length)]);
        }
        return p.toString();
    }

    // ---- the reference: a segment matcher written from the documented semantics -----------------------------

    /** One reference rule: exception or not, and the cleaned pattern's segments. */
    record RefRule(boolean exception, String[] segments) {
    }

    /** Go's path.Clean, written again: "." and empty segments go, ".." climbs, a rooted path stays rooted. */
    static String refClean(String p) {
        boolean rooted = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(s.equals("..") && rooted && out.isEmpty())) {
                out.add(s);
            }
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    /** The rules of a file, or null where the CLI refuses it (an exception of nothing but "/"). */
    static List<RefRule> refParse(List<String> lines) {
        List<RefRule> rules = new ArrayList<>();
        for (String line : lines) {
            String p = line.strip();
            boolean exception = p.startsWith("!");
            if (exception) {
                p = p.substring(1).strip();
            }
            p = refClean(p);
            if (p.length() > 1 && p.startsWith("/")) {
                p = p.substring(1);
            }
            // then patternmatcher cleans the whole line, "!" included: "!/" becomes a lone "!" (refused), and
            // "!../../b" becomes "b" (the "!.." segment climbs away), as in the CLI
            String whole = refClean((exception ? "!" : "") + p);
            exception = whole.startsWith("!");
            if (whole.equals("!")) {
                return null;
            }
            p = exception ? whole.substring(1) : whole;
            rules.add(new RefRule(exception, p.equals("/") ? new String[0] : p.split("/")));
        }
        return rules;
    }

    /** filepath.Match of one segment, without classes: '*' any run, '?' one character (code point). */
    static boolean refGlob(int[] p, int i, int[] s, int j) {
        if (i == p.length) {
            return j == s.length;
        }
        if (p[i] == '*') {
            for (int k = j; k <= s.length; k++) {
                if (refGlob(p, i + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < s.length && (p[i] == '?' || p[i] == s[j]) && refGlob(p, i + 1, s, j + 1);
    }

    /**
     * Segments against segments. "**" as a whole segment stands for any number of segments, zero included; at
     * the end of a pattern it needs at least one (so "a/**" leaves out what is in a, not a itself).
     */
    static boolean refMatch(int[][] p, int i, int[][] s, int j) {
        if (i == p.length) {
            return j == s.length;
        }
        if (p[i].length == 2 && p[i][0] == '*' && p[i][1] == '*') {
            int least = i == p.length - 1 ? 1 : 0;
            for (int k = j + least; k <= s.length; k++) {
                if (refMatch(p, i + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < s.length && refGlob(p[i], 0, s[j], 0) && refMatch(p, i + 1, s, j + 1);
    }

    private static int[][] codePoints(String[] segments) {
        int[][] out = new int[segments.length][];
        for (int i = 0; i < segments.length; i++) {
            out[i] = segments[i].codePoints().toArray();
        }
        return out;
    }

    /** The last rule that matches the path or one of its parent directories decides. */
    static boolean refExcludes(List<RefRule> rules, String path) {
        int[][] all = codePoints(path.split("/"));
        boolean excluded = false;
        for (RefRule rule : rules) {
            int[][] segments = codePoints(rule.segments());
            boolean match = false;
            for (int len = 1; len <= all.length && !match; len++) {
                match = refMatch(segments, 0, java.util.Arrays.copyOf(all, len), 0);
            }
            if (match) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    // ---- properties ----------------------------------------------------------------------------------------

    @Test
    void theReferenceIsNotTrivial() {
        List<RefRule> rules = refParse(List.of("docs", "!docs/keep.md", "**/*.log", "big/**", "!big/*/x"));
        assertTrue(refExcludes(rules, "docs/a/b"));
        assertFalse(refExcludes(rules, "docs/keep.md"));
        assertTrue(refExcludes(rules, "a/b/c.log"));
        assertTrue(refExcludes(rules, "c.log"));
        assertFalse(refExcludes(rules, "big"));
        assertTrue(refExcludes(rules, "big/a/y"));
        assertFalse(refExcludes(rules, "big/a/x/deeper"));
        assertFalse(refExcludes(rules, "readme"));
        assertEquals(null, refParse(List.of("!/")));
        assertFalse(refParse(List.of("!../../b")).get(0).exception(), "the CLI cleans \"!\" away with the ..");
    }

    @Test
    void excludesAgreesWithTheReferenceMatcher() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0xD0C6L);
            int cases = 3000 * FACTOR;
            int excluded = 0;
            int kept = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                List<String> lines = lines(r, false);
                String text = file(lines, r);
                List<RefRule> reference = refParse(lines);
                DockerIgnore ignore;
                try {
                    ignore = DockerIgnore.parse(text);
                } catch (InvalidIgnorePatternException e) {
                    assertEquals(null, reference, () -> "seed " + seed + ": refused " + lines + ": " + e.getMessage());
                    continue;
                }
                assertTrue(reference != null, () -> "seed " + seed + ": the CLI refuses " + lines);
                for (int k = 0; k < 20; k++) {
                    String path = path(r, 1, 5);
                    boolean want = refExcludes(reference, path);
                    assertEquals(want, ignore.excludes(path), () -> "seed " + seed + ": " + path + " with "
                            + lines + " (cleaned " + ignore.patterns() + ")");
                    if (want) {
                        excluded++;
                    } else {
                        kept++;
                    }
                }
            }
            assertTrue(excluded > cases && kept > cases, "both outcomes are common: " + excluded + "/" + kept);
        });
    }

    @Test
    void aSkippableDirectoryHoldsNothingThatIsKept() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x5C1FL);
            int cases = 3000 * FACTOR;
            int skipped = 0;
            int open = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                DockerIgnore ignore;
                try {
                    ignore = DockerIgnore.parse(file(lines(r, r.nextBoolean()), r));
                } catch (InvalidIgnorePatternException e) {
                    continue;
                }
                for (int d = 0; d < 4; d++) {
                    String dir = path(r, 1, 3);
                    if (!ignore.canSkipDirectory(dir)) {
                        open++;
                        continue;
                    }
                    skipped++;
                    assertTrue(ignore.excludes(dir), () -> "seed " + seed + ": skipping " + dir + " needs it excluded");
                    for (int k = 0; k < 25; k++) {
                        String under = dir + "/" + path(r, 1, 3);
                        assertTrue(ignore.excludes(under), () -> "seed " + seed + ": " + dir + " was pruned but "
                                + under + " is kept by " + ignore.patterns());
                    }
                }
            }
            assertTrue(skipped > cases / 5 && open > cases / 5, "both outcomes are common: " + skipped + "/" + open);
        });
    }

    @Test
    void escapeFreeLinesAgreeWithJavaRegex() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x11EA4L);
            String pathChars = "ab/.*?[]^\\-!\n \u00e9\ud83d\udc33";
            int matched = 0;
            int compared = 0;
            int cases = 4000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                String line = pattern(r, true).strip();
                if (line.startsWith("!")) {
                    line = line.substring(1);
                }
                if (line.contains("\\")) {
                    continue; // the oracle reads no escapes: DockerIgnoreTest and the timed property cover them
                }
                String shownLine = line;
                IgnoreRule rule;
                Predicate<String> oracle;
                try {
                    rule = IgnoreRule.compile(line);
                    oracle = DockerIgnoreRegexOracle.compile(line);
                    assertTrue(oracle != null, () -> "seed " + seed + ": Go refuses " + show(shownLine));
                } catch (InvalidIgnorePatternException e) {
                    if (!e.reason().startsWith("syntax error") && !e.reason().startsWith("illegal exclusion")) {
                        // refused by Go's regexp, not by patternmatcher's own checks: Java refuses it too
                        assertEquals(null, DockerIgnoreRegexOracle.compile(line),
                                () -> "seed " + seed + ": refused " + show(shownLine) + ": " + e.getMessage());
                    }
                    continue;
                }
                for (int k = 0; k < 15; k++) {
                    StringBuilder p = new StringBuilder(k % 2 == 0 ? path(r, 1, 4) : "");
                    int extra = k % 2 == 0 ? r.nextInt(3) : 1 + r.nextInt(8);
                    for (int i = 0; i < extra; i++) {
                        p.insert(r.nextInt(p.length() + 1), pathChars.charAt(r.nextInt(pathChars.length())));
                    }
                    String path = p.toString();
                    boolean want = oracle.test(path);
                    assertEquals(want, rule.matches(path),
                            () -> "seed " + seed + ": " + show(shownLine) + " against " + show(path));
                    matched += want ? 1 : 0;
                    compared++;
                }
            }
            assertTrue(compared > cases * 10 && matched > cases / 2, "enough lines match to compare: " + matched);
        });
    }

    /** Every escape and class form Go's regexp accepts in the expression the CLI makes of a line. */
    private static final String[] ESCAPES = {"\\b", "\\B", "\\A", "\\z", "\\Q", "\\Qa*b\\E", "\\d", "\\D",
        "\\w", "\\W", "\\s", "\\S", "\\pL", "\\PL", "\\pN", "\\pl", "\\x41", "\\101", "\\0", "\\n",
        "\\t", "\\r", "\\f", "\\v", "\\a", "\\.", "\\*", "\\?", "\\[", "\\]", "\\\\", "\\-", "\\^",
        "\\$", "\\/", "\\_", "\\ ", "[\\d]", "[^\\w]", "[\\pL]", "[\\x41-\\x5a]", "[[:alpha:]]",
        "[[:^digit:]]", "[a-c]", "[^a]", "[*]", "[a**]"};
    /** And those it refuses (unless an earlier \Q quotes them). */
    private static final String[] REFUSED = {"\\E", "\\pX", "\\p{L}", "\\x4", "\\1", "\\8", "\\C", "\\Z",
        "\\e", "\\\u00e9", "[\\b]", "[\\Q]", "[c-a]", "[[:nope:]]"};
    /** Glob pieces to mix with them. */
    private static final String[] STARS = {"*", "**", "?", "a", "b", "/", "*a", "a*", "**/", "_", "-"};

    @Test
    void everyEscapeMatchesInLinearTime() {
        // Random lines with every escape, against names up to 1,000 characters: each match stays under a bound
        // that is generous for a loaded CI machine yet far below what backtracking needs
        // (a backtracking matcher would not come back at all: the preemptive timeout turns that into a failure)
        assertTimeoutPreemptively(LIMIT, () -> {
            long bound = Duration.ofMillis(50).toNanos();
            SplittableRandom seeds = new SplittableRandom(0xE5CA9EL);
            String nameChars = "ab_-a. 1/\u00e9\n";
            int accepted = 0;
            int cases = 400 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                StringBuilder line = new StringBuilder();
                for (int n = 1 + r.nextInt(40), i = 0; i < n; i++) {
                    int roll = r.nextInt(60);
                    line.append(roll == 0 ? REFUSED[r.nextInt(REFUSED.length)]
                            : roll < 20 ? ESCAPES[r.nextInt(ESCAPES.length)] : STARS[r.nextInt(STARS.length)]);
                }
                String shown = show(line.toString());
                IgnoreRule rule;
                try {
                    rule = IgnoreRule.compile(line.toString());
                } catch (InvalidIgnorePatternException e) {
                    continue; // refused at parse time, with a reason: never a fallback
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": " + shown + " threw " + e, e);
                }
                accepted++;
                for (int k = 0; k < 3; k++) {
                    // names that keep many states alive ("aaa...", no '/'), then any names
                    StringBuilder name = new StringBuilder();
                    for (int len = k == 0 ? 1000 : r.nextInt(1001), i = 0; i < len; i++) {
                        name.append(k == 0 ? 'a' : nameChars.charAt(r.nextInt(k == 1 ? 5 : nameChars.length())));
                    }
                    String path = name.toString();
                    long took = fastest(() -> rule.matches(path));
                    long under = fastest(() -> rule.couldMatchUnder(path + "/"));
                    assertTrue(took < bound && under < bound, () -> "seed " + seed + ": " + shown + " took "
                            + took / 1_000_000 + " ms / " + under / 1_000_000 + " ms on " + path.length() + " chars");
                }
            }
            assertTrue(accepted > cases / 2, "enough lines are accepted to time: " + accepted);
            // and the audit's line, on 1,000 characters
            DockerIgnore audit = DockerIgnore.parse("*a".repeat(24) + "\\b");
            for (String name : new String[] {"a".repeat(1000), "a".repeat(999) + "!"}) {
                long took = fastest(() -> audit.excludes(name));
                assertTrue(took < bound, () -> "the audit's line took " + took / 1_000_000 + " ms");
            }
        });
    }

    /** The fastest of three runs, in nanoseconds: a GC pause or JIT compile must not fail a linear match. */
    private static long fastest(Runnable match) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            match.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    @Test
    void matchingTakesLinearTimeOnHostileLines() {
        // java.util.regex backtracks: before the linear matcher, the first line below took ~10 s on a 40-character
        // name and each further "*a" multiplied that; Go's RE2, which the CLI uses, never backtracks
        assertTimeoutPreemptively(Duration.ofSeconds(10L * FACTOR), () -> {
            SplittableRandom r = new SplittableRandom(0xBAC4L);
            for (int c = 0; c < 200 * FACTOR; c++) {
                int n = 8 + r.nextInt(10);
                String[] hostile = {"*a".repeat(n) + "b", "**/".repeat(n) + "x", "a*".repeat(n) + "/**/b",
                    "**/*a".repeat(n) + "*c", "?*".repeat(n) + "z", "[a-c]*".repeat(n) + "d"};
                DockerIgnore ignore = DockerIgnore.parse(hostile[c % hostile.length] + "\n!x*a*a*a*a*a*a*a*a*ay");
                String name = "a".repeat(30 + r.nextInt(30));
                String deep = (name.substring(0, 3) + "/").repeat(10 + r.nextInt(20)) + name;
                ignore.excludes(name);
                ignore.excludes(deep);
                ignore.canSkipDirectory(deep);
            }
        });
    }

    @Test
    void theAuditsEscapedLinesMatchInLinearTime() {
        // audit finding 4: lines with \b, \A or \Q went to java.util.regex, which backtracks: 24 "*a" and a \b took
        // over 10 s on a 41-character name; RE2, which the CLI uses, is linear, and so must Berth's matcher be
        String stars = "*a".repeat(24);
        String[] lines = {stars + "\\b", "\\A" + stars + "b", "\\Q\\E" + stars + "b", stars + "\\B!",
            stars + "\\z!", stars + "\\d"};
        for (String line : lines) {
            DockerIgnore ignore = DockerIgnore.parse(line);
            for (String name : new String[] {"a".repeat(41), "a".repeat(40) + "!", "a".repeat(1000) + "-"}) {
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ignore.excludes(name),
                        () -> show(line) + " against " + name.length() + " characters");
            }
        }
        assertTrue(DockerIgnore.parse(lines[0]).excludes("a".repeat(41)));
        assertFalse(DockerIgnore.parse(lines[0]).excludes("a".repeat(40) + "_"));
    }

    @Test
    void randomFilesParseOrThrowInvalidIgnorePatternExceptionAndMatchingNeverThrows() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x1A6BL);
            String chars = "ab*?/![]^-\\.# \t\r\n:{}()|+$&\u00e9\ud83d\udc33\u0000\u2028\u00a0\uFEFF";
            int parsed = 0;
            int cases = 10_000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                String text;
                if (r.nextBoolean()) {
                    StringBuilder s = new StringBuilder();
                    int n = r.nextInt(40);
                    for (int i = 0; i < n; i++) {
                        s.append(r.nextInt(3) == 0 ? WILD[r.nextInt(WILD.length)] : chars.charAt(r.nextInt(chars.length())));
                    }
                    text = s.toString();
                } else {
                    text = file(lines(r, true), r);
                }
                DockerIgnore ignore;
                try {
                    ignore = DockerIgnore.parse(text);
                } catch (InvalidIgnorePatternException e) {
                    continue;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": parse may only throw InvalidIgnorePatternException, threw "
                            + e + " for " + show(text), e);
                }
                parsed++;
                for (int k = 0; k < 10; k++) {
                    StringBuilder p = new StringBuilder(r.nextInt(8) == 0 ? "/" : r.nextInt(8) == 0 ? "./" : "");
                    int n = r.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        p.append(i > 0 ? "/" : "").append(r.nextInt(3) == 0 ? WILD[r.nextInt(WILD.length)]
                                : NAMES[r.nextInt(NAMES.length)]);
                    }
                    String path = p.toString();
                    try {
                        ignore.excludes(path);
                        ignore.canSkipDirectory(path);
                        boolean kept = !ignore.withAlwaysIncluded(path).excludes(path);
                        // (the CLI trims each line, so blanks at the ends go; a path above the root is none of the
                        // context's, and "!" glued to ".." cleans away, as in the CLI)
                        String cleaned = IgnoreRule.clean(path);
                        if (cleaned.strip().equals(cleaned) && !cleaned.startsWith("..")) {
                            assertTrue(kept, () -> "seed " + seed + ": withAlwaysIncluded(" + show(path) + ") must keep it, "
                                    + show(ignore.withAlwaysIncluded(path).patterns().toString()));
                        }
                    } catch (AssertionError e) {
                        throw e;
                    } catch (Throwable e) {
                        fail("seed " + seed + ": matching " + show(path) + " against " + show(ignore.patterns().toString())
                                + " threw " + e, e);
                    }
                }
            }
            assertTrue(parsed > cases / 4, "many random files should parse: " + parsed);
        });
    }
}

package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.InvalidIgnorePatternException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations follow moby/patternmatcher's MatchesOrParentMatches as the CLI uses it, i.e. what {@code docker build}
 * would leave out of the context; each case says why.
 */
class DockerIgnoreTest {

    private static void excluded(DockerIgnore ignore, String... paths) {
        for (String path : paths) {
            assertTrue(ignore.excludes(path), () -> path + " should be excluded by " + ignore);
        }
    }

    private static void kept(DockerIgnore ignore, String... paths) {
        for (String path : paths) {
            assertFalse(ignore.excludes(path), () -> path + " should be kept by " + ignore);
        }
    }

    @Test
    void lastMatchingLineWins() {
        // README.md: excluded by *.md, kept by !README.md
        DockerIgnore keepReadme = DockerIgnore.parse("*.md\n!README.md");
        kept(keepReadme, "README.md");
        excluded(keepReadme, "CHANGES.md");
        // the later README* excludes it again
        excluded(DockerIgnore.parse("*.md\n!README.md\nREADME*"), "README.md");
        // an exception before the exclusion it should override does nothing
        excluded(DockerIgnore.parse("!secret.txt\nsecret.txt"), "secret.txt");
    }

    @Test
    void exceptionReincludesOneFileOfAnExcludedFolder() {
        DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/keep.md");
        // docs matches the parent of docs/api/index.html; no exception matches it
        excluded(ignore, "docs", "docs/other.md", "docs/api/index.html");
        // the exception matches the file itself and comes last
        kept(ignore, "docs/keep.md");
        // an exception also covers what lies beneath the path it names
        kept(DockerIgnore.parse("docs\n!docs/api"), "docs/api/v1/index.html");
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectories() {
        DockerIgnore go = DockerIgnore.parse("**/*.go");
        // **/ matches zero directories too, and * stays within the last segment
        excluded(go, "main.go", "cmd/tool/main.go");
        kept(go, "main.go.txt", "README");
        DockerIgnore ab = DockerIgnore.parse("a/**/b");
        // zero, one or two directories between a and b; a/x/b/c through its parent a/x/b
        excluded(ab, "a/b", "a/x/b", "a/x/y/b", "a/x/b/c");
        // patterns are anchored at the context root
        kept(ab, "x/a/b", "ab", "a/bc");
        // a trailing ** matches everything under the directory but not the directory itself
        DockerIgnore under = DockerIgnore.parse("big/**");
        excluded(under, "big/x", "big/x/y");
        kept(under, "big");
        // "**" alone matches everything; the context root is never excluded
        excluded(DockerIgnore.parse("**"), "a", "a/b/c", ".dockerignore");
        kept(DockerIgnore.parse("**"), ".", "");
    }

    @Test
    void aLeadingDoubleStarIsASuffixTestForLiteralRests() {
        // patternmatcher's suffix fast path: "**/foo" also matches "foo" at the top ...
        excluded(DockerIgnore.parse("**/foo"), "foo", "x/foo", "x/y/foo");
        // ... and "**foo" is a plain suffix test, so "xfoo" matches too
        excluded(DockerIgnore.parse("**foo"), "xfoo", "a/xfoo");
    }

    @Test
    void matchingAParentDirectoryExcludesEverythingBeneath() {
        DockerIgnore ignore = DockerIgnore.parse("node_modules");
        excluded(ignore, "node_modules", "node_modules/x", "node_modules/x/y");
        // only the top-level node_modules: patterns are not matched at every depth as in .gitignore
        kept(ignore, "web/node_modules/x", "node_modules2", "node_modules.json");
        // a trailing slash is cleaned away: it names files as well as directories
        excluded(DockerIgnore.parse("build/"), "build", "build/out.jar");
    }

    @Test
    void starAndQuestionMarkNeverCrossASlash() {
        DockerIgnore txt = DockerIgnore.parse("*.txt");
        excluded(txt, "a.txt", ".txt");
        kept(txt, "docs/a.txt");
        // dir/* matches dir/a, and dir/a/b through its parent dir/a, but not dir
        DockerIgnore children = DockerIgnore.parse("dir/*");
        excluded(children, "dir/a", "dir/a/b");
        kept(children, "dir");
        DockerIgnore one = DockerIgnore.parse("?.c\na?b");
        excluded(one, "x.c", "axb");
        kept(one, "xy.c", ".c", "a/b");
    }

    @Test
    void characterClassesAndEscapes() {
        DockerIgnore range = DockerIgnore.parse("[a-c].txt");
        excluded(range, "a.txt", "c.txt");
        kept(range, "d.txt", "ab.txt");
        DockerIgnore negated = DockerIgnore.parse("[^a-c].txt");
        excluded(negated, "d.txt");
        kept(negated, "a.txt");
        // a backslash makes the next character literal
        DockerIgnore star = DockerIgnore.parse("\\*.txt\nx\\[1\\]");
        excluded(star, "*.txt", "x[1]");
        kept(star, "a.txt", "x1");
        // '.' and other regexp characters are literal
        kept(DockerIgnore.parse("a.b*"), "axbc");
        excluded(DockerIgnore.parse("a.b*"), "a.bc");
        // patternmatcher hands classes to Go's regexp verbatim, which knows POSIX classes
        excluded(DockerIgnore.parse("[[:digit:]]"), "7");
        kept(DockerIgnore.parse("[[:digit:]]"), "x");
    }

    @Test
    void commentsBlankLinesBomAndCleanup() {
        DockerIgnore ignore = DockerIgnore.parse("\uFEFF# a comment\r\n\r\n   /build/  \r\n./tmp//x/../y\n"
                + "  # indented: a pattern, not a comment\n!  ./keep  \n\t\n");
        assertEquals(List.of("build", "tmp/y", "# indented: a pattern, not a comment", "!keep"), ignore.patterns());
        excluded(ignore, "build/a", "tmp/y");
        kept(ignore, "tmp/x", "# a comment", "keep");
        // the byte order mark is not part of the first pattern
        excluded(DockerIgnore.parse("\uFEFFfoo"), "foo");
        // ".." is resolved lexically; a pattern climbing above the root matches nothing
        assertEquals(List.of("../x", "a"), DockerIgnore.parse("../x\n/../a").patterns());
    }

    @Test
    void patternsTheCliRefuses() {
        assertThrows(InvalidIgnorePatternException.class, () -> DockerIgnore.parse("!"));
        assertThrows(InvalidIgnorePatternException.class, () -> DockerIgnore.parse("[a"));
        assertThrows(InvalidIgnorePatternException.class, () -> DockerIgnore.parse("[]"));
        assertThrows(InvalidIgnorePatternException.class, () -> DockerIgnore.parse("a\\"));
        assertThrows(InvalidIgnorePatternException.class, () -> DockerIgnore.parse("[a-]"));
    }

    /**
     * The CLI copies {@code \x} into a Go regular expression as it stands, so an escape means what it means to Go's
     * regexp; Berth runs those in its own linear-time matcher (audit finding 4: they used to go to java.util.regex).
     */
    @Test
    void escapesMeanWhatTheyMeanToGosRegexp() {
        // \b and \B: word boundaries, ASCII word characters only (so "e with acute" is no word character)
        excluded(DockerIgnore.parse("foo\\b*"), "foo", "foo.txt", "foo\u00e9");
        kept(DockerIgnore.parse("foo\\b*"), "foobar", "foo_x");
        excluded(DockerIgnore.parse("foo\\B*"), "foobar", "foo_1");
        kept(DockerIgnore.parse("foo\\B*"), "foo", "foo.txt");
        // \A and \z: start and end of the path; anywhere else they never hold
        excluded(DockerIgnore.parse("\\Afoo*"), "foo", "food");
        kept(DockerIgnore.parse("a\\Ab"), "ab", "a");
        excluded(DockerIgnore.parse("foo\\z*"), "foo");
        kept(DockerIgnore.parse("foo\\z*"), "food");
        // Perl classes, ASCII: unlike * and ?, \W and \S also match a slash
        excluded(DockerIgnore.parse("v\\d.txt\nx\\Dy"), "v1.txt", "xzy");
        kept(DockerIgnore.parse("v\\d.txt\nx\\Dy"), "vx.txt", "x1y");
        excluded(DockerIgnore.parse("\\w\\w"), "a_", "Z9");
        kept(DockerIgnore.parse("\\w\\w"), "\u00e91", "a-");
        excluded(DockerIgnore.parse("a\\Wb"), "a-b", "a/b");
        kept(DockerIgnore.parse("a\\Wb"), "a_b");
        excluded(DockerIgnore.parse("a\\sb"), "a b", "a\tb");
        kept(DockerIgnore.parse("a\\sb"), "a\u000Bb"); // Go's \s has no \v
        excluded(DockerIgnore.parse("a\\Sb"), "a/b");
        kept(DockerIgnore.parse("a\\Sb"), "a b");
        // \Q quotes the CLI's expression up to \E, or to the end: then the closing $ is quoted too
        excluded(DockerIgnore.parse("\\Q*.txt\\E"), "[^/]*\\.txt");
        kept(DockerIgnore.parse("\\Q*.txt\\E"), "a.txt", "*.txt");
        excluded(DockerIgnore.parse("\\Qab"), "ab$", "ab$c");
        kept(DockerIgnore.parse("\\Qab"), "ab");
        // one character: C escapes, hex, octal; Unicode categories by one letter
        excluded(DockerIgnore.parse("a\\nb\na\\tb\na\\rb\na\\fb\na\\vb\na\\ab\n\\x41\n\\102\nn\\0"),
                "a\nb", "a\tb", "a\rb", "a\fb", "a\u000Bb", "a\u0007b", "A", "B", "n\u0000");
        kept(DockerIgnore.parse("\\x41\n\\102"), "a", "b", "x41");
        excluded(DockerIgnore.parse("\\pL\n\\pN\n\\pl"), "\u00e9", "\u0663", "x");
        kept(DockerIgnore.parse("\\pL"), "1", "-");
        excluded(DockerIgnore.parse("\\PL"), "1");
        kept(DockerIgnore.parse("\\PL"), "\u00e9");
        // escaped punctuation is itself, a slash included
        excluded(DockerIgnore.parse("a\\/b\nc\\_d\ne\\ f\ng\\\\h\ni\\.j"), "a/b", "c_d", "e f", "g\\h", "i.j");
        kept(DockerIgnore.parse("a\\/b\ni\\.j"), "a", "ixj");
        // the same inside classes, and POSIX names
        excluded(DockerIgnore.parse("[\\d]x\n[^\\w]\n[\\pL]y\n[\\x41-\\x43]\n[[:^digit:]]z"),
                "1x", "-", "\u00e9y", "B", "az");
        kept(DockerIgnore.parse("[\\d]x\n[^\\w]\n[\\x41-\\x43]\n[[:^digit:]]z"), "ax", "a", "D", "1z");
    }

    @Test
    void escapesGoRefusesAreRefusedNamingPatternAndEscape() {
        String[][] refused = {{"a\\C", "invalid escape sequence: \\C"}, {"a\\Z", "invalid escape sequence: \\Z"},
            {"\\E", "invalid escape sequence: \\E"}, {"x\\e", "invalid escape sequence: \\e"},
            {"\\1", "invalid escape sequence: \\1"}, {"\\8", "invalid escape sequence: \\8"},
            {"\\x4", "invalid escape sequence: \\x4$"}, {"\\\u00e9", "invalid escape sequence: \\\u00e9"},
            {"\\pX", "invalid character class range: \\pX"}, {"\\p{L}", "invalid character class range: \\p\\"},
            {"[\\b]", "invalid escape sequence: \\b"}, {"[\\Q]", "invalid escape sequence: \\Q"},
            {"[c-a]", "invalid character class range: c-a"}, {"[[:nope:]]", "invalid character class range: [:nope:]"},
            {"!docs/\\C", "invalid escape sequence: \\C"}};
        for (String[] line : refused) {
            InvalidIgnorePatternException e = assertThrows(InvalidIgnorePatternException.class,
                    () -> DockerIgnore.parse("ok\n" + line[0]), line[0]);
            assertEquals(line[0], e.pattern());
            assertEquals(line[1], e.reason());
            assertEquals("bad .dockerignore pattern \"" + line[0] + "\": " + line[1], e.getMessage());
        }
        // quoted by \Q, the same text is no escape: nothing to refuse
        excluded(DockerIgnore.parse("\\Qa\\C"), "a\\C$");
    }

    @Test
    void alwaysIncludedFilesSurviveAStar() {
        DockerIgnore ignore = DockerIgnore.parse("*").withAlwaysIncluded("Dockerfile", ".dockerignore");
        kept(ignore, "Dockerfile", ".dockerignore");
        excluded(ignore, "main.go", "src/app.java");
        // a Dockerfile below an excluded folder, and one whose name holds glob characters
        DockerIgnore nested = DockerIgnore.parse("build").withAlwaysIncluded("./build/Docker[file]");
        kept(nested, "build/Docker[file]");
        excluded(nested, "build/Dockerf", "build/x");
        assertEquals("DockerIgnore[*, !Dockerfile, !.dockerignore]", ignore.toString());
    }

    @Test
    void canSkipDirectoryOnlyWhenNoExceptionReachesInside() {
        assertTrue(DockerIgnore.parse("big").canSkipDirectory("big"));
        assertTrue(DockerIgnore.parse("big/").canSkipDirectory("big/"));
        assertFalse(DockerIgnore.parse("big\n!big/keep.txt").canSkipDirectory("big"));
        // wildcard exceptions that could match beneath keep it open too
        assertFalse(DockerIgnore.parse("big\n!*/keep.txt").canSkipDirectory("big"));
        assertFalse(DockerIgnore.parse("big\n!**/keep.txt").canSkipDirectory("big"));
        assertFalse(DockerIgnore.parse("big\n!b?g/**").canSkipDirectory("big"));
        // exceptions elsewhere do not
        assertTrue(DockerIgnore.parse("big\n!other/keep.txt").canSkipDirectory("big"));
        assertTrue(DockerIgnore.parse("big\n!bigger/keep.txt").canSkipDirectory("big"));
        assertTrue(DockerIgnore.parse("big\n!s*/keep.txt").canSkipDirectory("big"));
        // a directory that is not excluded is walked
        assertFalse(DockerIgnore.parse("*.log").canSkipDirectory("big"));
        assertFalse(DockerIgnore.none().canSkipDirectory("big"));
    }

    @Test
    void readsTheContextsFileOrNothing(@TempDir Path context) throws IOException {
        assertEquals(List.of(), DockerIgnore.read(context).patterns());
        Files.write(context.resolve(".dockerignore"), "target\n!target/app.jar\n".getBytes(StandardCharsets.UTF_8));
        DockerIgnore ignore = DockerIgnore.read(context);
        excluded(ignore, "target/classes/A.class");
        kept(ignore, "target/app.jar", "src/A.java");
    }
}

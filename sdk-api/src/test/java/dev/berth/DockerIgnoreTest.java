package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse("!"));
        assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse("[a"));
        assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse("[]"));
        assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse("a\\"));
        assertThrows(IllegalArgumentException.class, () -> DockerIgnore.parse("[a-]"));
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

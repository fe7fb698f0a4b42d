package dev.berth;

import dev.berth.errors.InvalidIgnorePatternException;
import dev.berth.internal.IgnoreRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A build context's {@code .dockerignore}, with the {@code docker} CLI's semantics: lines are patterns in Go
 * {@code filepath.Match} syntax ({@code *} and {@code ?} never cross {@code /}, {@code [a-z]}, {@code [^a-z]},
 * backslash escapes) plus {@code **} for any number of directories; a leading {@code !} makes an exception; the
 * <em>last</em> line that matches a path decides; and a line that matches a parent directory matches everything
 * beneath it. Instances are immutable and safe to share.
 * <p>
 * Like the CLI, which turns each line into a Go regular expression, a backslash escape means what it means to Go's
 * regexp: {@code \*} and other escaped punctuation are literal, {@code \b} and {@code \B} test a word boundary,
 * {@code \A} and {@code \z} the start and end, {@code \d \s \w} (and {@code \D \S \W}) and {@code \pL} are
 * classes, {@code \n \t \x41 \101} stand for one character, {@code \Q...\E} quotes. Matching takes time linear in
 * the path's length whatever the line; a line the CLI would refuse is refused here.
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

    private final List<IgnoreRule> rules;

    private DockerIgnore(List<IgnoreRule> rules) {
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
     * @param content the file's text
     * @return the patterns, in order
     * @throws InvalidIgnorePatternException for a pattern the CLI would refuse: a lone {@code !}, a malformed
     *         {@code filepath.Match} pattern (unclosed {@code [}, empty class, trailing backslash), or an escape or
     *         class Go's regexp rejects ({@code \C}, {@code \Z}, {@code [\b]}, {@code [c-a]}, ...)
     */
    public static DockerIgnore parse(String content) {
        Objects.requireNonNull(content, "content");
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<IgnoreRule> rules = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = IgnoreRule.trimSpace(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.charAt(0) == '!';
            if (exception) {
                pattern = IgnoreRule.trimSpace(pattern.substring(1));
            }
            rules.add(IgnoreRule.compile((exception ? "!" : "") + normalize(pattern)));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /**
     * No patterns: nothing is excluded.
     *
     * <pre>{@code
     * DockerIgnore.none().excludes("anything");   // false
     * }</pre>
     *
     * @return the empty rule set
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
     * @param contextDir the build context's root folder
     * @return its patterns, or {@link #none()}
     * @throws IOException when the file exists but cannot be read
     * @throws InvalidIgnorePatternException when it holds a pattern the CLI would refuse, see {@link #parse(String)}
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
     *
     * @param paths paths relative to the context root, such as {@code Dockerfile}
     * @return a copy with these exceptions appended
     */
    public DockerIgnore withAlwaysIncluded(String... paths) {
        List<IgnoreRule> more = new ArrayList<>(rules);
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
            if (IgnoreRule.clean(IgnoreRule.trimSpace(line)).equals("!")) {
                continue; // the context root (or only blanks): never excluded, and a lone "!" is no pattern
            }
            more.add(IgnoreRule.compile(line));
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
     *
     * @param relativePath the path, relative to the context root
     * @return true when the CLI would leave it out
     */
    public boolean excludes(String relativePath) {
        String file = relative(relativePath);
        if (file.isEmpty()) {
            return false;
        }
        int lastSlash = file.lastIndexOf('/');
        String parent = lastSlash < 0 ? null : file.substring(0, lastSlash);
        boolean matched = false;
        for (IgnoreRule rule : rules) {
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
     *
     * @param relativeDir the directory, relative to the context root
     * @return true when nothing beneath it can be sent
     */
    public boolean canSkipDirectory(String relativeDir) {
        String dir = relative(relativeDir);
        if (dir.isEmpty() || !excludes(dir)) {
            return false;
        }
        String beneath = dir + "/";
        for (IgnoreRule rule : rules) {
            if (rule.exception && rule.couldMatchUnder(beneath)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cleaned patterns in order, exceptions with their leading {@code !}.
     *
     * @return the patterns, unmodifiable
     */
    public List<String> patterns() {
        List<String> list = new ArrayList<>(rules.size());
        for (IgnoreRule rule : rules) {
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
        String cleaned = IgnoreRule.clean(pattern);
        return cleaned.length() > 1 && cleaned.charAt(0) == '/' ? cleaned.substring(1) : cleaned;
    }

    /** A path to test: cleaned, without a leading slash; the context root becomes "". */
    private static String relative(String path) {
        String cleaned = IgnoreRule.clean(Objects.requireNonNull(path, "path"));
        if (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        return cleaned.equals(".") ? "" : cleaned;
    }
}

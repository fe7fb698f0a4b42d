package dev.berth.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a Dockerfile reads that are not its own stages: {@code FROM}, {@code COPY --from} and
 * {@code RUN --mount=from=}. BuildKit without a client session resolves only images the daemon has (it cannot ask
 * the client for registry credentials, not even anonymous ones), so Berth pulls these first, with its own credential
 * lookup.
 *
 * <p>Internal: not part of Berth's API.
 *
 * <p>Read as BuildKit's Dockerfile frontend reads it: parser directives ({@code # escape=}), line continuations,
 * comments, heredoc bodies skipped, global {@code ARG}s (with build args overriding defaults) expanded in
 * {@code FROM}, stage names matched case-insensitively. What cannot be resolved here (a name still holding a
 * variable) is left to the builder, which then names it in its own error.
 */
public final class DockerfileImages {
    /** {@code # name=value}; the value is trimmed in code: a lazy group before {@code \\s*} backtracks quadratically. */
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=(.*)");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*([\"']?)([a-zA-Z_][a-zA-Z0-9_]*)\\2");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$(?:\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([-+])([^}]*))?}|([a-zA-Z_][a-zA-Z0-9_]*))");

    /** An image to make present, with the platform its {@code FROM --platform} names (empty: the build's). */
    public record Image(String reference, String platform) {
    }

    private DockerfileImages() {
    }

    /**
     * The images {@code dockerfile} reads from outside itself, in order of first use, without duplicates.
     *
     * @param buildArgs the build's {@code --build-arg}s, which override the global {@code ARG} defaults
     */
    public static List<Image> of(String dockerfile, Map<String, String> buildArgs) {
        List<String> instructions = instructions(dockerfile);
        Map<String, String> globals = new HashMap<>();
        Set<String> stages = new HashSet<>();
        Map<String, Image> images = new LinkedHashMap<>();
        boolean inStages = false;
        for (String instruction : instructions) {
            List<String> words = words(instruction);
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0).toUpperCase(Locale.ROOT);
            if (keyword.equals("ARG") && !inStages) {
                for (String arg : words.subList(1, words.size())) {
                    int eq = arg.indexOf('=');
                    String name = eq < 0 ? arg : arg.substring(0, eq);
                    String value = buildArgs.containsKey(name) ? buildArgs.get(name)
                            : eq < 0 ? "" : expand(unquote(arg.substring(eq + 1)), globals);
                    globals.put(name, value);
                }
            } else if (keyword.equals("FROM")) {
                inStages = true;
                from(words, globals, stages, images);
            } else if (keyword.equals("COPY") || keyword.equals("ADD") || keyword.equals("RUN")) {
                for (String word : words.subList(1, words.size())) {
                    if (!word.startsWith("--")) {
                        break;
                    }
                    String source = copySource(word);
                    if (source != null) {
                        external(unquote(source), "", stages, images);
                    }
                }
            }
        }
        return List.copyOf(images.values());
    }

    private static void from(List<String> words, Map<String, String> globals, Set<String> stages,
            Map<String, Image> images) {
        String platform = "";
        int i = 1;
        for (; i < words.size() && words.get(i).startsWith("--"); i++) {
            String flag = words.get(i);
            if (flag.startsWith("--platform=")) {
                String value = expand(unquote(flag.substring("--platform=".length())), globals);
                platform = value.contains("$") ? "" : value;
            }
        }
        if (i >= words.size()) {
            return;
        }
        String image = expand(unquote(words.get(i)), globals);
        external(image, platform, stages, images);
        if (i + 2 < words.size() && words.get(i + 1).equalsIgnoreCase("AS")) {
            stages.add(words.get(i + 2).toLowerCase(Locale.ROOT));
        }
    }

    /** The image of {@code --from=X} or of a mount's {@code from=X}; null for other flags. */
    private static String copySource(String flag) {
        if (flag.startsWith("--from=")) {
            return flag.substring("--from=".length());
        }
        if (flag.startsWith("--mount=")) {
            for (String field : flag.substring("--mount=".length()).split(",")) {
                if (field.startsWith("from=")) {
                    return field.substring("from=".length());
                }
            }
        }
        return null;
    }

    private static void external(String name, String platform, Set<String> stages, Map<String, Image> images) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.contains("$") || lower.equals("scratch") || stages.contains(lower)
                || name.chars().allMatch(Character::isDigit)) {
            return; // a stage by name or index, no image at all, or not resolvable here
        }
        images.putIfAbsent(name, new Image(name, platform));
    }

    /** {@code $A}, {@code ${A}}, {@code ${A:-word}}, {@code ${A:+word}}; unset names expand as the builder's do. */
    static String expand(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = args.get(name);
            String replacement;
            if ("-".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else if ("+".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? "" : m.group(3);
            } else if (value != null) {
                replacement = value;
            } else {
                replacement = m.group(); // unknown here (BUILDPLATFORM, ...): left for the builder
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Whitespace-separated words; quoted parts stay in their word (quotes kept, removed where a value is used). */
    private static List<String> words(String instruction) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < instruction.length(); i++) {
            char c = instruction.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The instructions, each on one line: directives read, comments dropped, continued lines joined, heredoc bodies
     * skipped (a body line may well start with {@code FROM}).
     */
    static List<String> instructions(String dockerfile) {
        String[] lines = dockerfile.split("\r?\n", -1);
        char escape = '\\';
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher d = DIRECTIVE.matcher(lines[i]);
            if (!d.matches()) {
                break;
            }
            String value = d.group(2).strip();
            if (d.group(1).equalsIgnoreCase("escape") && value.length() == 1) {
                escape = value.charAt(0);
            }
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue; // blank lines and comments, also between continued lines
            }
            if (trimmed.charAt(trimmed.length() - 1) == escape) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString();
            current.setLength(0);
            out.add(instruction);
            i = skipHeredocs(instruction, lines, i);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** Skips the bodies of the heredocs {@code instruction} opens; returns the index of the last line skipped. */
    private static int skipHeredocs(String instruction, String[] lines, int at) {
        String keyword = instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!keyword.equals("RUN") && !keyword.equals("COPY") && !keyword.equals("ADD")) {
            return at;
        }
        Matcher h = HEREDOC.matcher(instruction);
        int i = at;
        while (h.find()) {
            boolean stripTabs = !h.group(1).isEmpty();
            String end = h.group(3);
            for (i++; i < lines.length; i++) {
                String body = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                if (body.equals(end)) {
                    break;
                }
            }
        }
        return i;
    }
}

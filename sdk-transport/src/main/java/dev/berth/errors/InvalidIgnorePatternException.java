package dev.berth.errors;

/**
 * A {@code .dockerignore} line that the {@code docker} CLI would refuse too: a lone {@code !}, a malformed
 * {@code filepath.Match} pattern (unclosed {@code [}, trailing backslash), or an escape or class that Go's regexp
 * rejects once the CLI has turned the line into a regular expression ({@code \C}, {@code \Z}, {@code \8},
 * {@code [\b]}, {@code [c-a]}, {@code [[:nope:]]}, ...). The message names the pattern and the offending piece.
 *
 * <pre>{@code
 * try {
 *     DockerIgnore.parse("logs/\\Z");
 * } catch (InvalidIgnorePatternException e) {
 *     // bad .dockerignore pattern "logs/\Z": invalid escape sequence: \Z
 *     log.warn("{} ({})", e.pattern(), e.reason());
 * }
 * }</pre>
 */
public class InvalidIgnorePatternException extends DockerException {
    private static final long serialVersionUID = 1L;

    /** The refused pattern, cleaned, with its leading {@code !} for an exception. */
    private final String pattern;
    /** Why the pattern is refused. */
    private final String reason;

    /**
     * @param pattern the cleaned pattern, with its leading {@code !} for an exception
     * @param reason why it is refused, for example {@code invalid escape sequence: \Z}
     */
    public InvalidIgnorePatternException(String pattern, String reason) {
        super("bad .dockerignore pattern \"" + pattern + "\": " + reason, null);
        this.pattern = pattern;
        this.reason = reason;
    }

    /** {@return the refused pattern, cleaned, with its leading {@code !} for an exception} */
    public String pattern() {
        return pattern;
    }

    /** {@return why it is refused} */
    public String reason() {
        return reason;
    }
}

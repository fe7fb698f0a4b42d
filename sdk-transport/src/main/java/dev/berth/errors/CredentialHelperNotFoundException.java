package dev.berth.errors;

import java.util.List;

/**
 * A credential helper named by {@code config.json} ({@code credsStore} or {@code credHelpers}) is not in any
 * absolute directory of the {@code PATH} {@code CredentialStore} was given. Relative {@code PATH} entries
 * ({@code .}, {@code bin}, an empty entry) are never searched: what they find depends on the working directory,
 * which may be a checked-out repository. When the helper was found only there, {@link #refusedPaths()} says where
 * and the message says why it was not run.
 *
 * <pre>{@code
 * try {
 *     store.lookup("registry.example.com/team/app:1");
 * } catch (CredentialHelperNotFoundException e) {
 *     // "docker-credential-pass not found in an absolute PATH directory (needed for registry.example.com)"
 *     log.warn("{}; refused: {}", e.getMessage(), e.refusedPaths());
 * }
 * }</pre>
 */
public class CredentialHelperNotFoundException extends CredentialsException {
    private static final long serialVersionUID = 1L;

    /** The helper program that was looked for, such as {@code docker-credential-pass}. */
    private final String program;
    /** The matches found through relative {@code PATH} entries, which were not run. */
    @SuppressWarnings("serial") // a List.copyOf list, which is serializable
    private final List<String> refusedPaths;

    /**
     * @param program the helper program, such as {@code docker-credential-pass}
     * @param registry the registry it was needed for; empty when it serves them all ({@code list})
     * @param refusedPaths the matches found through relative {@code PATH} entries, which were not run
     */
    public CredentialHelperNotFoundException(String program, String registry, List<String> refusedPaths) {
        super(message(program, registry, refusedPaths));
        this.program = program;
        this.refusedPaths = List.copyOf(refusedPaths);
    }

    /** {@return the helper program that was looked for, such as {@code docker-credential-pass}} */
    public String program() {
        return program;
    }

    /**
     * {@return the programs of that name found through relative {@code PATH} entries and refused, as the entry
     * names them (relative to the working directory); empty when there were none}
     */
    public List<String> refusedPaths() {
        return refusedPaths;
    }

    private static String message(String program, String registry, List<String> refused) {
        StringBuilder m = new StringBuilder(program).append(" not found on PATH");
        if (!registry.isEmpty()) {
            m.append(" (needed for ").append(registry).append(')');
        }
        if (!refused.isEmpty()) {
            m.append(": found only through relative PATH entries, which are never searched since they depend on the"
                    + " working directory (not run: ");
            for (int i = 0; i < refused.size(); i++) {
                m.append(i == 0 ? "" : ", ").append(printable(refused.get(i)));
            }
            m.append("); put the helper's directory on PATH as an absolute path");
        }
        return m.toString();
    }

    /** The text with each control character written as a Java escape: a PATH entry may hold anything. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }
}

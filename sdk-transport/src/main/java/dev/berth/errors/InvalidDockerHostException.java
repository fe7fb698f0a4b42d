package dev.berth.errors;

/**
 * A Docker host address that cannot be used: an unknown scheme, no host or socket path, a port out of range, user
 * info where none is allowed, or an ssh user name that is not a plain POSIX-style one. The message names the problem;
 * it never shows a password, and control characters in the address are shown as Java escapes, never as they are.
 *
 * <pre>{@code
 * try {
 *     DockerHost.parse(System.getenv("DOCKER_HOST"));
 * } catch (InvalidDockerHostException e) {
 *     // "invalid Docker host 'ssh://-oProxyCommand=x@box': the ssh user name '-oProxyCommand=x' starts with '-'..."
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class InvalidDockerHostException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the address as it may be shown
     */
    public InvalidDockerHostException(String message) {
        super(message, null);
    }
}

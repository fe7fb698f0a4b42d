package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * Registry credentials could not be read or written: a credential helper is missing, failed, timed out or answered
 * nonsense, or {@code config.json} cannot be understood. The message names the helper and the registry, never a
 * password, identity token or {@code auth} value. "No credentials for this registry" is not an error:
 * {@code CredentialStore.lookup(String)} answers it with an empty {@code Optional}.
 *
 * <pre>{@code
 * try {
 *     store.lookup("registry.example.com/team/app:1");
 * } catch (CredentialsException e) {
 *     // "docker-credential-pass get for registry.example.com failed (exit 2): gpg: decryption failed"
 *     log.warn(e.getMessage());
 * }
 * }</pre>
 */
public class CredentialsException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message that names the helper and registry concerned.
     *
     * <pre>{@code
     * throw new CredentialsException("docker-credential-pass not found on PATH (registry reg.example.com)");
     * }</pre>
     *
     * @param message what went wrong, naming the helper and the registry (never a secret)
     */
    public CredentialsException(String message) {
        super(message, null);
    }

    /**
     * A failure caused by {@code cause}, typically an {@link java.io.IOException} starting or talking to a helper.
     * The cause must not carry secrets either.
     *
     * <pre>{@code
     * throw new CredentialsException("cannot run docker-credential-pass", ioException);
     * }</pre>
     *
     * @param message what went wrong, naming the helper and the registry (never a secret)
     * @param cause the underlying failure, such as an {@link java.io.IOException} running the helper
     */
    public CredentialsException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

package dev.berth;

import dev.berth.model.PluginPrivilege;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Plugins#pull(String, PluginPullOptions, java.util.function.Consumer)} installs a plugin
 * ({@code docker plugin install}): its local name, the registry's credentials and the privileges granted.
 * Immutable: each {@code with} method returns a new value.
 *
 * <pre>{@code
 * PluginPullOptions options = PluginPullOptions.defaults().withAlias("sshfs")
 *         .withPrivileges(docker.plugins().privileges("vieux/sshfs"));
 * docker.plugins().pull("vieux/sshfs", options, System.out::println);   // docker plugin install --alias sshfs ...
 * }</pre>
 */
public final class PluginPullOptions {
    private static final PluginPullOptions DEFAULTS = new PluginPullOptions(null, AuthConfig.anonymous(), List.of());

    private final String alias;
    private final AuthConfig auth;
    private final List<PluginPrivilege> privileges;

    private PluginPullOptions(String alias, AuthConfig auth, List<PluginPrivilege> privileges) {
        this.alias = alias;
        this.auth = auth;
        this.privileges = privileges;
    }

    /**
     * Installed under its remote reference, pulled without credentials, granted no privileges.
     *
     * @return the options with no alias, credentials or privileges
     */
    public static PluginPullOptions defaults() {
        return DEFAULTS;
    }

    /**
     * With this local name ({@code --alias}) instead of the remote reference.
     *
     * @param alias the plugin's local name
     * @return a copy with this alias
     * @throws IllegalArgumentException when the name is null, empty or holds whitespace
     */
    public PluginPullOptions withAlias(String alias) {
        if (alias == null || alias.isEmpty() || alias.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid plugin alias '" + alias + "'");
        }
        return new PluginPullOptions(alias, auth, privileges);
    }

    /**
     * With these credentials for the plugin's registry.
     *
     * @param auth the credentials sent as {@code X-Registry-Auth}
     * @return a copy with these credentials
     */
    public PluginPullOptions withAuth(AuthConfig auth) {
        return new PluginPullOptions(alias, Objects.requireNonNull(auth, "auth"), privileges);
    }

    /**
     * Granting these privileges: exactly what {@link Plugins#privileges(String)} says the plugin asks for, since the
     * daemon refuses an install whose privileges differ ({@code --grant-all-permissions} after reading them).
     *
     * @param privileges the privileges the plugin asks for, as {@link Plugins#privileges(String)} lists them
     * @return a copy granting these privileges
     */
    public PluginPullOptions withPrivileges(List<PluginPrivilege> privileges) {
        return new PluginPullOptions(alias, auth, List.copyOf(privileges));
    }

    /** {@return the local name; empty for the remote reference} */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** {@return the registry's credentials; {@link AuthConfig#anonymous()} unless set} */
    public AuthConfig auth() {
        return auth;
    }

    /**
     * The privileges granted.
     *
     * @return the privileges granted; empty unless set
     */
    public List<PluginPrivilege> privileges() {
        return privileges;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PluginPullOptions p && Objects.equals(alias, p.alias) && auth.equals(p.auth)
                && privileges.equals(p.privileges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, auth, privileges);
    }

    /** The alias, the credentials masked as {@link AuthConfig#toString()} masks them, and the privileges. */
    @Override
    public String toString() {
        return "PluginPullOptions[alias=" + alias().orElse("(remote)") + ", auth=" + auth + ", privileges="
                + privileges + "]";
    }
}

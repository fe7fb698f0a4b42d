package dev.berth;

import dev.berth.internal.OptionValues;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@code docker push} pushes: the one tag named or every tag, with which credentials (by default those the CLI
 * would find: a credential helper or {@code config.json}). Immutable; each method returns a new value.
 *
 * <pre>{@code
 * images.push("reg:5000/app", PushOptions.defaults().withAllTags(), progress);           // docker push -a
 * images.push("reg:5000/app:1", PushOptions.defaults().withAuth(AuthConfig.anonymous()), progress);
 * }</pre>
 */
public final class PushOptions {
    private static final PushOptions DEFAULTS = new PushOptions(false, null);

    final boolean allTags;
    private final AuthConfig auth; // null: found as the CLI finds it

    private PushOptions(boolean allTags, AuthConfig auth) {
        this.allTags = allTags;
        this.auth = auth;
    }

    /**
     * {@code docker push}: the one tag named ({@code latest} when none), credentials found as the CLI finds them.
     *
     * @return the options of a plain {@code docker push}
     */
    public static PushOptions defaults() {
        return DEFAULTS;
    }

    /**
     * With every local tag of the repository ({@code --all-tags}); the name must then have no tag or digest.
     *
     * @return a copy with {@code --all-tags} set
     */
    public PushOptions withAllTags() {
        return new PushOptions(true, auth);
    }

    /**
     * With these credentials rather than the stored ones; {@link AuthConfig#anonymous()} for a registry without
     * authentication.
     *
     * @param auth the credentials sent as {@code X-Registry-Auth}
     * @return a copy with these credentials
     */
    public PushOptions withAuth(AuthConfig auth) {
        return new PushOptions(allTags, Objects.requireNonNull(auth, "auth"));
    }

    /** The credentials given, else the stored ones (looked up only then: a helper may be slow). */
    AuthConfig authOr(Supplier<AuthConfig> stored) {
        return auth != null ? auth : stored.get();
    }

    /** {@code PushOptions[allTags, auth=AuthConfig[...]]}, secrets masked. */
    @Override
    public String toString() {
        return OptionValues.describe("PushOptions", allTags ? "allTags" : null, auth == null ? null : "auth=" + auth);
    }
}

package dev.berth;

import dev.berth.internal.ImageReference;
import dev.berth.internal.OptionValues;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@code docker pull} pulls: which platform, whether every tag, and with which credentials (by default those
 * the CLI would find: a credential helper or {@code config.json}). Immutable; each method returns a new value.
 *
 * <pre>{@code
 * images.pull("alpine:3", PullOptions.defaults().withPlatform("linux/arm64"), progress);   // docker pull --platform
 * images.pull("reg:5000/app", PullOptions.defaults().withAllTags().withAuth(auth), progress);
 * }</pre>
 */
public final class PullOptions {
    private static final PullOptions DEFAULTS = new PullOptions("", false, null);

    final String platform;
    final boolean allTags;
    private final AuthConfig auth; // null: found as the CLI finds it

    private PullOptions(String platform, boolean allTags, AuthConfig auth) {
        this.platform = platform;
        this.allTags = allTags;
        this.auth = auth;
    }

    /**
     * {@code docker pull}: the daemon's platform, the one tag named, credentials found as the CLI finds them.
     *
     * @return the options of a plain {@code docker pull}
     */
    public static PullOptions defaults() {
        return DEFAULTS;
    }

    /**
     * With the image for this platform ({@code --platform}), such as {@code linux/arm64} or {@code linux/arm/v7}.
     *
     * @param platform {@code os/arch[/variant]}
     * @return a copy that sends this {@code platform}
     */
    public PullOptions withPlatform(String platform) {
        return new PullOptions(ImageReference.requireText(platform, "platform"), allTags, auth);
    }

    /**
     * With every tag of the repository ({@code --all-tags}); the name must then have no tag or digest.
     *
     * @return a copy with {@code --all-tags} set
     */
    public PullOptions withAllTags() {
        return new PullOptions(platform, true, auth);
    }

    /**
     * With these credentials rather than the stored ones; {@link AuthConfig#anonymous()} for none.
     *
     * @param auth the credentials sent as {@code X-Registry-Auth}
     * @return a copy with these credentials
     */
    public PullOptions withAuth(AuthConfig auth) {
        return new PullOptions(platform, allTags, Objects.requireNonNull(auth, "auth"));
    }

    /** The credentials given, else the stored ones (looked up only then: a helper may be slow). */
    AuthConfig authOr(Supplier<AuthConfig> stored) {
        return auth != null ? auth : stored.get();
    }

    /** {@code PullOptions[platform=linux/arm64, allTags, auth=AuthConfig[...]]}, secrets masked. */
    @Override
    public String toString() {
        return OptionValues.describe("PullOptions", platform.isEmpty() ? null : "platform=" + platform,
                allTags ? "allTags" : null, auth == null ? null : "auth=" + auth);
    }
}

package dev.berth;

import dev.berth.internal.ImageReference;
import dev.berth.internal.OptionValues;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Objects;

/**
 * What {@code docker import} makes of a filesystem tar: the image's name, commit message, Dockerfile instructions
 * to apply and platform. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * // docker import -m "base" -c 'CMD ["sh"]' rootfs.tar base:1
 * images.importTar(Path.of("rootfs.tar"), ImportOptions.of("base:1").withMessage("base").withChanges("CMD [\"sh\"]"));
 * }</pre>
 */
public final class ImportOptions {
    private static final ImportOptions DEFAULTS = new ImportOptions("", "", List.of(), "");

    final String repoTag;
    final String message;
    final List<String> changes;
    final String platform;

    private ImportOptions(String repoTag, String message, List<String> changes, String platform) {
        this.repoTag = repoTag;
        this.message = message;
        this.changes = changes;
        this.platform = platform;
    }

    /**
     * {@code docker import FILE}: an untagged image.
     *
     * @return the options of {@code docker import FILE}
     */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker import FILE REPO[:TAG]}: an image named {@code repoTag}; no tag means {@code latest}.
     *
     * @param repoTag the image's name, such as {@code base:1} or {@code registry.example.com/team/base}
     * @return the options that tag the imported image
     * @throws IllegalArgumentException for an empty name or a digest ({@code @sha256:...})
     */
    public static ImportOptions of(String repoTag) {
        ImageReference.parseTag(repoTag);
        return new ImportOptions(repoTag, "", List.of(), "");
    }

    /**
     * With a commit message ({@code -m}).
     *
     * @param message the message of the image's history entry
     * @return a copy with this message
     * @throws NullPointerException when null
     */
    public ImportOptions withMessage(String message) {
        return new ImportOptions(repoTag, Objects.requireNonNull(message, "message"), changes, platform);
    }

    /**
     * With these Dockerfile instructions applied ({@code -c}), such as {@code CMD ["sh"]} or {@code ENV PATH=/bin}:
     * {@code CMD}, {@code ENTRYPOINT}, {@code ENV}, {@code EXPOSE}, {@code ONBUILD}, {@code USER}, {@code VOLUME},
     * {@code WORKDIR}.
     *
     * @param instructions each one Dockerfile instruction, added after those already given
     * @return a copy with these instructions too
     */
    public ImportOptions withChanges(String... instructions) {
        return new ImportOptions(repoTag, message, OptionValues.append(changes, instructions), platform);
    }

    /**
     * With the platform the tar's binaries are for ({@code --platform}), such as {@code linux/arm64}.
     *
     * @param platform {@code os/arch[/variant]}
     * @return a copy with this platform
     * @throws IllegalArgumentException when blank
     */
    public ImportOptions withPlatform(String platform) {
        return new ImportOptions(repoTag, message, changes, ImageReference.requireText(platform, "platform"));
    }

    /** {@code ImportOptions[repoTag=base:1, message=..., changes=[...], platform=...]}, naming only what is set. */
    @Override
    public String toString() {
        return OptionValues.describe("ImportOptions", repoTag.isEmpty() ? null : "repoTag=" + repoTag,
                message.isEmpty() ? null : "message=" + message,
                changes.isEmpty() ? null : "changes=" + Masking.entries(changes),
                platform.isEmpty() ? null : "platform=" + platform);
    }
}

package dev.berth;

import dev.berth.internal.ImageReference;
import dev.berth.internal.OptionValues;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Objects;

/**
 * What {@code docker commit} makes of a container: the image's name, commit message, author and Dockerfile
 * instructions to apply. The container is paused while it is committed, as the CLI does, unless
 * {@link #withoutPause()}. Immutable; each method returns a new value.
 *
 * <pre>{@code
 * // docker commit -m "add config" -a "Ann <ann@example.org>" -c 'CMD ["sh"]' web app:2
 * images.commit("web", CommitOptions.of("app:2").withMessage("add config").withAuthor("Ann <ann@example.org>")
 *         .withChanges("CMD [\"sh\"]"));
 * }</pre>
 */
public final class CommitOptions {
    private static final CommitOptions DEFAULTS = new CommitOptions("", "", "", List.of(), true);

    final String repoTag;
    final String message;
    final String author;
    final List<String> changes;
    final boolean pause;

    private CommitOptions(String repoTag, String message, String author, List<String> changes,
                          boolean pause) {
        this.repoTag = repoTag;
        this.message = message;
        this.author = author;
        this.changes = changes;
        this.pause = pause;
    }

    /**
     * {@code docker commit CONTAINER}: an untagged image.
     *
     * @return the options of {@code docker commit CONTAINER}
     */
    public static CommitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@code docker commit CONTAINER REPO[:TAG]}: an image named {@code repoTag}; no tag means {@code latest}.
     *
     * @param repoTag the image's name, such as {@code app:snapshot} or {@code registry.example.com/team/app}
     * @return the options that tag the committed image
     * @throws IllegalArgumentException for an empty name or a digest ({@code @sha256:...}), which names content
     *         rather than a tag
     */
    public static CommitOptions of(String repoTag) {
        ImageReference.parseTag(repoTag);
        return new CommitOptions(repoTag, "", "", List.of(), true);
    }

    /**
     * With a commit message ({@code -m}).
     *
     * @param message the message of the image's history entry
     * @return a copy with this message
     */
    public CommitOptions withMessage(String message) {
        return new CommitOptions(repoTag, Objects.requireNonNull(message, "message"), author, changes, pause);
    }

    /**
     * With an author ({@code -a}), such as {@code Ann <ann@example.org>}.
     *
     * @param author the image's author
     * @return a copy with this author
     */
    public CommitOptions withAuthor(String author) {
        return new CommitOptions(repoTag, message, Objects.requireNonNull(author, "author"), changes, pause);
    }

    /**
     * With these Dockerfile instructions applied too ({@code -c}), such as {@code CMD ["sh"]} or {@code ENV A=1}:
     * {@code CMD}, {@code ENTRYPOINT}, {@code ENV}, {@code EXPOSE}, {@code LABEL}, {@code ONBUILD}, {@code USER},
     * {@code VOLUME}, {@code WORKDIR}.
     *
     * @param instructions each one Dockerfile instruction, added after those already given
     * @return a copy with these instructions too
     */
    public CommitOptions withChanges(String... instructions) {
        return new CommitOptions(repoTag, message, author, OptionValues.append(changes, instructions), pause);
    }

    /**
     * With the container left running while it is committed ({@code --pause=false}); the copy may be torn.
     *
     * @return a copy that sends {@code pause=false}
     */
    public CommitOptions withoutPause() {
        return new CommitOptions(repoTag, message, author, changes, false);
    }

    /**
     * {@code CommitOptions[repoTag=app:2, message=..., changes=[ENV DB_PASSWORD=***], noPause]}, naming only what is
     * set; secret-looking values in the changes masked.
     */
    @Override
    public String toString() {
        return OptionValues.describe("CommitOptions",
                repoTag.isEmpty() ? null : "repoTag=" + repoTag,
                message.isEmpty() ? null : "message=" + message, author.isEmpty() ? null : "author=" + author,
                changes.isEmpty() ? null : "changes=" + Masking.entries(changes), pause ? null : "noPause");
    }
}

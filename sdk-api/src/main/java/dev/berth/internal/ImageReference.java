package dev.berth.internal;

/**
 * An image name split as the daemon wants it for pulls, pushes, tags and commits: {@code registry:5000/team/app:1.0}
 * → repository {@code registry:5000/team/app}, tag {@code 1.0}; a digest ({@code @sha256:...}) stands in for the
 * tag.
 *
 * @param repository the name without tag or digest
 * @param tagOrDigest the tag, or the digest ({@code sha256:...}); empty when the name has neither
 */
public record ImageReference(String repository, String tagOrDigest) {

    public static ImageReference parse(String reference) {
        requireText(reference, "image reference");
        int at = reference.indexOf('@');
        if (at >= 0) {
            return new ImageReference(reference.substring(0, at), reference.substring(at + 1));
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(reference.substring(0, colon), reference.substring(colon + 1));
        }
        return new ImageReference(reference, "");
    }

    /**
     * A name to give an image ({@code docker tag}, {@code commit}, {@code import}).
     *
     * @throws IllegalArgumentException for an empty name or a digest
     */
    public static ImageReference parseTag(String reference) {
        ImageReference ref = parse(reference);
        if (ref.isDigest()) {
            throw new IllegalArgumentException("a digest names content, not a tag to give: " + reference);
        }
        return ref;
    }

    /** The tag or digest, {@code latest} when the name has neither (as the CLI reads {@code app}). */
    public String tagOrLatest() {
        return tagOrDigest.isEmpty() ? "latest" : tagOrDigest;
    }

    boolean isDigest() {
        return tagOrDigest.indexOf(':') >= 0; // tags cannot hold a colon; digests are algorithm:hex
    }

    public static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty " + what + ": '" + value + "'");
        }
        return value;
    }
}

package dev.berth;

/**
 * An image name split as the daemon wants it for pulls and pushes: {@code registry:5000/team/app:1.0} →
 * repository {@code registry:5000/team/app}, tag {@code 1.0}; a digest ({@code @sha256:...}) stands in for the tag;
 * no tag means {@code latest}.
 *
 * <pre>{@code
 * ImageReference.parse("127.0.0.1:5000/app").tagOrDigest();   // "latest"
 * }</pre>
 *
 * @param repository the name without tag or digest
 * @param tagOrDigest the tag, or the digest ({@code sha256:...})
 */
record ImageReference(String repository, String tagOrDigest) {

    static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        int at = reference.indexOf('@');
        if (at >= 0) {
            return new ImageReference(reference.substring(0, at), reference.substring(at + 1));
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(reference.substring(0, colon), reference.substring(colon + 1));
        }
        return new ImageReference(reference, "latest");
    }
}

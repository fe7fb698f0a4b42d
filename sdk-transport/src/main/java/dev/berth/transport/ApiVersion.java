package dev.berth.transport;

/**
 * A Docker Engine API version such as {@code 1.41}.
 *
 * <pre>{@code
 * ApiVersion v = ApiVersion.parse("1.41");
 * v.isAtLeast(ApiVersion.of(1, 40)); // true
 * }</pre>
 *
 * @param major the major number (1 for every released engine)
 * @param minor the minor number
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** The oldest API version Berth talks: Engine 20.10. */
    public static final ApiVersion FLOOR = new ApiVersion(1, 41);

    /**
     * The newest API version Berth knows: 1.56, what moby's master speaks after Engine 29.6 and 29.7 (1.55). Every
     * released engine is older, so negotiation picks the engine's own version there.
     */
    public static final ApiVersion LATEST = new ApiVersion(1, 56);

    /**
     * Checks the numbers.
     *
     * @param major the major number
     * @param minor the minor number
     * @throws IllegalArgumentException when a number is negative
     */
    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative API version: " + major + "." + minor);
        }
    }

    /**
     * Returns the version {@code major.minor}.
     *
     * @param major the major number
     * @param minor the minor number
     * @return the version {@code major.minor}
     * @throws IllegalArgumentException when a number is negative
     */
    public static ApiVersion of(int major, int minor) {
        return new ApiVersion(major, minor);
    }

    /**
     * Parses {@code "1.41"} or {@code "v1.41"}.
     *
     * @param text such as {@code 1.41} or {@code v1.41}, as the daemon's {@code ApiVersion} and {@code
     *             DOCKER_API_VERSION} hold it
     * @return the version
     * @throws IllegalArgumentException when the text is not a version
     */
    public static ApiVersion parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        try {
            if (dot > 0 && dot < s.length() - 1) {
                return new ApiVersion(Integer.parseInt(s.substring(0, dot)), Integer.parseInt(s.substring(dot + 1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("not an API version (expected MAJOR.MINOR such as 1.41): '" + text + "'");
    }

    /**
     * Whether this version is the same as or newer than {@code other}.
     *
     * @param other the version to compare with
     * @return true when this version is {@code other} or newer
     */
    public boolean isAtLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    /**
     * The older of this and {@code other}.
     *
     * @param other the version to compare with
     * @return this version or {@code other}, whichever is older
     */
    public ApiVersion min(ApiVersion other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    /** {@code "1.41"}. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}

package dev.berth;

/**
 * Limits for {@link TarArchives#extract(java.io.InputStream, java.nio.file.Path, ExtractOptions)} and
 * {@link ContainerFiles#copyOut(String, String, java.nio.file.Path, ExtractOptions)}. An archive that goes over a
 * limit is refused with {@link UnsafeArchiveException} at the first entry that does, before anything is written for
 * it.
 * <p>
 * {@link #defaults()} has no limits: sparse files are written with their holes, so extraction writes no more data
 * than the archive holds, and entries take at least one 512-byte header each. Set limits when the archive's size
 * itself is not to be trusted, for example a stream that might not end.
 *
 * <pre>{@code
 * ExtractOptions limits = ExtractOptions.defaults().withMaxTotalBytes(2L << 30).withMaxEntries(100_000);
 * TarArchives.extract(in, target, limits);
 * }</pre>
 *
 * @param maxTotalBytes the most the files may add up to, each counted at its full size (holes of sparse files
 *                      included, since a file system without holes allocates them); {@link Long#MAX_VALUE} for no
 *                      limit
 * @param maxEntries the most entries the archive may hold, of any kind; {@link Long#MAX_VALUE} for no limit
 */
public record ExtractOptions(long maxTotalBytes, long maxEntries) {

    /**
     * @throws IllegalArgumentException for a negative limit
     */
    public ExtractOptions {
        if (maxTotalBytes < 0) {
            throw new IllegalArgumentException("maxTotalBytes < 0: " + maxTotalBytes);
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries < 0: " + maxEntries);
        }
    }

    /** No limits. */
    public static ExtractOptions defaults() {
        return new ExtractOptions(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** With at most {@code bytes} of files in all, holes of sparse files included. */
    public ExtractOptions withMaxTotalBytes(long bytes) {
        return new ExtractOptions(bytes, maxEntries);
    }

    /** With at most {@code entries} entries of any kind. */
    public ExtractOptions withMaxEntries(long entries) {
        return new ExtractOptions(maxTotalBytes, entries);
    }
}

package dev.berth;

import dev.berth.errors.UnsafeArchiveException;

/**
 * Limits and modes for {@link TarArchives#extract(java.io.InputStream, java.nio.file.Path, ExtractOptions)} and
 * {@link ContainerFiles#copyOut(String, String, java.nio.file.Path, ExtractOptions)}. An archive that goes over a
 * limit is refused with {@link UnsafeArchiveException} at the first entry that does, before anything is written for
 * it.
 * <p>
 * {@link #defaults()} has no limits: sparse files are written with their holes, so extraction writes no more data
 * than the archive holds, and entries take at least one 512-byte header each. Set limits when the archive's size
 * itself is not to be trusted, for example a stream that might not end. Its mode mask is {@code 0755}: files and
 * folders keep their permission bits as under a umask of {@code 022}, never group- or world-writable, and without
 * setuid, setgid and sticky bits, since an archive from elsewhere should not decide who else may change what it
 * wrote, or run it as its owner.
 *
 * <pre>{@code
 * ExtractOptions limits = ExtractOptions.defaults().withMaxTotalBytes(2L << 30).withMaxEntries(100_000);
 * TarArchives.extract(in, target, limits);
 * TarArchives.extract(rootfs, target, ExtractOptions.defaults().preservingModes());   // modes exactly as stored
 * }</pre>
 *
 * @param maxTotalBytes the most the files may add up to, each counted at its full size (holes of sparse files
 *                      included, since a file system without holes allocates them); {@link Long#MAX_VALUE} for no
 *                      limit
 * @param maxEntries the most entries the archive may hold, of any kind; {@link Long#MAX_VALUE} for no limit
 * @param modeMask the mode bits files and folders may keep from their entries ({@code 07777} keeps all, setuid,
 *                 setgid and sticky included); where the file system has POSIX permissions
 */
public record ExtractOptions(long maxTotalBytes, long maxEntries, int modeMask) {

    /**
     * Checks the limits and the mask.
     *
     * @param maxTotalBytes the most the files may add up to, in bytes; {@link Long#MAX_VALUE} for no limit
     * @param maxEntries the most entries the archive may hold; {@link Long#MAX_VALUE} for no limit
     * @param modeMask the mode bits files and folders may keep, within {@code 07777}
     * @throws IllegalArgumentException for a negative limit, or a mask with bits outside {@code 07777}
     */
    public ExtractOptions {
        if (maxTotalBytes < 0) {
            throw new IllegalArgumentException("maxTotalBytes < 0: " + maxTotalBytes);
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries < 0: " + maxEntries);
        }
        if ((modeMask & ~07777) != 0) {
            throw new IllegalArgumentException("modeMask has bits outside 07777: 0" + Integer.toOctalString(modeMask));
        }
    }

    /**
     * No limits; modes masked with {@code 0755}, as under a umask of {@code 022}, without special bits.
     *
     * @return the options with no limits and the {@code 0755} mask
     */
    public static ExtractOptions defaults() {
        return new ExtractOptions(Long.MAX_VALUE, Long.MAX_VALUE, 0755);
    }

    /**
     * With at most {@code bytes} of files in all, holes of sparse files included.
     *
     * @param bytes the most the files may add up to, in bytes
     * @return a copy with this limit
     * @throws IllegalArgumentException when negative
     */
    public ExtractOptions withMaxTotalBytes(long bytes) {
        return new ExtractOptions(bytes, maxEntries, modeMask);
    }

    /**
     * With at most {@code entries} entries of any kind.
     *
     * @param entries the most entries the archive may hold
     * @return a copy with this limit
     * @throws IllegalArgumentException when negative
     */
    public ExtractOptions withMaxEntries(long entries) {
        return new ExtractOptions(maxTotalBytes, entries, modeMask);
    }

    /**
     * With files and folders keeping only the mode bits in {@code mask}, for example {@code 0700} for a tree only
     * its owner may read.
     *
     * @param mask the mode bits to keep, such as {@code 0700}
     * @return a copy with this mask
     * @throws IllegalArgumentException for bits outside {@code 07777}
     */
    public ExtractOptions withModeMask(int mask) {
        return new ExtractOptions(maxTotalBytes, maxEntries, mask);
    }

    /**
     * With files and folders keeping their modes exactly as stored: group- and world-writable bits, setuid, setgid
     * and sticky included (setgid may still be dropped by the system on a file whose group the caller is not in).
     *
     * @return a copy with the {@code 07777} mask
     */
    public ExtractOptions preservingModes() {
        return withModeMask(07777);
    }

    /** The limits ("none" for {@link Long#MAX_VALUE}) and the mask in octal. */
    @Override
    public String toString() {
        return "ExtractOptions[maxTotalBytes=" + limit(maxTotalBytes) + ", maxEntries=" + limit(maxEntries)
                + ", modeMask=0" + Integer.toOctalString(modeMask) + "]";
    }

    private static String limit(long value) {
        return value == Long.MAX_VALUE ? "none" : Long.toString(value);
    }
}

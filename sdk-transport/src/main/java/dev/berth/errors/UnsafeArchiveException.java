package dev.berth.errors;


/**
 * A tar entry that {@code TarArchives.extract} refused because extracting it could reach outside the target
 * directory (an absolute name, a {@code ..} that climbs out, a link that points out or goes into a folder and back
 * out, a path through such a link), would create a device or FIFO, is a sparse file in a format that cannot be put
 * back, or goes over a limit of {@code ExtractOptions}. Nothing is left of the refused entry (nothing was written for
 * it, or it was a link that later entries turned outward, since removed); entries before it stay extracted, except
 * symbolic links that lead out of the target, which are removed.
 *
 * <pre>{@code
 * try {
 *     TarArchives.extract(download, Path.of("out"));
 * } catch (UnsafeArchiveException e) {
 *     log.warn("refused {}: {}", e.entryName(), e.reason());
 * }
 * }</pre>
 */
public class UnsafeArchiveException extends DockerException {
    private static final long serialVersionUID = 1L;

    /** The refused entry's name as stored in the archive. */
    private final String entryName;
    /** Why the entry was refused. */
    private final String reason;

    /**
     * @param entryName the entry's name as stored in the archive
     * @param reason why it was refused, for example "leaves the target directory"
     */
    public UnsafeArchiveException(String entryName, String reason) {
        super("unsafe archive entry \"" + entryName + "\": " + reason, null);
        this.entryName = entryName;
        this.reason = reason;
    }

    /** {@return the refused entry's name as stored in the archive} */
    public String entryName() {
        return entryName;
    }

    /** {@return why the entry was refused} */
    public String reason() {
        return reason;
    }
}

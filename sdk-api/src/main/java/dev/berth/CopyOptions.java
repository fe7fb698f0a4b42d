package dev.berth;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ContainerFiles#copyIn(java.nio.file.Path, String, String, CopyOptions)} and
 * {@link ContainerFiles#write(String, String, java.io.InputStream, CopyOptions)} put files into a container. By
 * default as {@code docker cp} does: a directory is never replaced by a file nor a file by a directory, and the files
 * keep the owners their tar entries give. Immutable: each method returns a new value.
 *
 * <pre>{@code
 * docker.files().copyIn(Path.of("site"), id, "/var/www", CopyOptions.defaults().withCopyUidGid());   // docker cp -a
 * }</pre>
 */
public final class CopyOptions {
    private static final CopyOptions DEFAULTS = new CopyOptions(false, false);

    final boolean overwriteDirNonDir;
    final boolean copyUidGid;

    private CopyOptions(boolean overwriteDirNonDir, boolean copyUidGid) {
        this.overwriteDirNonDir = overwriteDirNonDir;
        this.copyUidGid = copyUidGid;
    }

    /**
     * As {@code docker cp}: no directory replaced by a file or the reverse; owners as the tar gives them.
     *
     * @return the options of a plain {@code docker cp}
     */
    public static CopyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options, letting a file replace a directory of the same name and a directory replace a file (the
     * daemon's {@code noOverwriteDirNonDir=false}; moby's {@code AllowOverwriteDirWithFile}).
     *
     * @return a copy that sends {@code noOverwriteDirNonDir=false}
     */
    public CopyOptions withOverwriteDirNonDir() {
        return new CopyOptions(true, copyUidGid);
    }

    /**
     * These options, giving the files the uid and gid of the container's user instead of the tar's
     * ({@code docker cp -a}, the daemon's {@code copyUIDGID}).
     *
     * @return a copy that sends {@code copyUIDGID=true}
     */
    public CopyOptions withCopyUidGid() {
        return new CopyOptions(overwriteDirNonDir, true);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CopyOptions c && c.overwriteDirNonDir == overwriteDirNonDir && c.copyUidGid == copyUidGid;
    }

    @Override
    public int hashCode() {
        return (overwriteDirNonDir ? 1 : 0) | (copyUidGid ? 2 : 0);
    }

    /** {@code CopyOptions[copyUidGid]}: what is set. */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>(2);
        if (overwriteDirNonDir) {
            set.add("overwriteDirNonDir");
        }
        if (copyUidGid) {
            set.add("copyUidGid");
        }
        return "CopyOptions" + set;
    }
}

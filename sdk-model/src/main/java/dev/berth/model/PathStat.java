package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the daemon says of a path inside a container ({@code HEAD /containers/{id}/archive}): name, size, Go file
 * mode, modification time and link target.
 *
 * <pre>{@code
 * PathStat s = docker.files().stat(id, "/etc/hostname");
 * s.isDirectory(); s.permissions(); // 0644
 * }</pre>
 *
 * @param name the base name
 * @param size bytes
 * @param mode Go's {@code os.FileMode}: permission bits plus type flags in the high bits
 * @param mtime modification time (RFC 3339)
 * @param linkTarget the symlink's target, or empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathStat(
        @JsonProperty("name") String name,
        @JsonProperty("size") long size,
        @JsonProperty("mode") long mode,
        @JsonProperty("mtime") String mtime,
        @JsonProperty("linkTarget") String linkTarget) {

    private static final long DIR = 1L << 31;
    private static final long SYMLINK = 1L << 27;

    /** {@return whether the path is a directory} */
    public boolean isDirectory() {
        return (mode & DIR) != 0;
    }

    /** {@return whether the path is a symbolic link} */
    public boolean isSymlink() {
        return (mode & SYMLINK) != 0;
    }

    /** {@return the Unix permission bits, such as {@code 0755}} */
    public int permissions() {
        return (int) (mode & 0777);
    }
}

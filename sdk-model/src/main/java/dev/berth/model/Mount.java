package dev.berth.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something mounted into a container: a host directory ({@code -v /srv:/www}), a named or anonymous volume
 * ({@code -v data:/data}, {@code -v /cache}) or a tmpfs ({@code --tmpfs /run}).
 *
 * <pre>{@code
 * Mount.parseVolume("/srv/www:/www:ro");      // BIND, read-only
 * Mount.parseVolume("data:/var/lib/data");    // VOLUME named "data"
 * Mount.parseVolume("/cache");                // anonymous VOLUME
 * Mount.tmpfs("/run", ByteSize.parse("64m")); // TMPFS of 64 MiB
 * }</pre>
 *
 * @param type what is mounted
 * @param source the absolute host path for {@link Type#BIND}, the volume name for {@link Type#VOLUME} ({@code ""} for
 *        an anonymous volume), {@code ""} for {@link Type#TMPFS}
 * @param target the absolute path inside the container
 * @param readOnly whether the container sees it read-only
 * @param tmpfsSize for {@link Type#TMPFS}, its size limit in bytes (0 = the kernel's default, half the RAM); 0 for
 *        the other types
 */
public record Mount(Type type, String source, String target, boolean readOnly, long tmpfsSize) {
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** The kinds of mount this SDK writes for {@code docker run}. */
    public enum Type {
        /** A host file or directory. */
        BIND,
        /** A named or anonymous volume, created by the daemon when missing. */
        VOLUME,
        /** A memory-backed file system. */
        TMPFS
    }

    /**
     * Checks the mount; a null source becomes {@code ""}.
     *
     * @param type what is mounted
     * @param source host path, volume name, or {@code ""}
     * @param target the absolute container path
     * @param readOnly whether the container sees it read-only
     * @param tmpfsSize the tmpfs size in bytes, or 0
     * @throws IllegalArgumentException when the target is not absolute, is {@code /} or contains {@code :}; a bind's
     *         source is not absolute; a volume name is invalid; an anonymous volume is read-only; a tmpfs has a
     *         source or a negative size; a non-tmpfs has a size
     */
    public Mount {
        Objects.requireNonNull(type, "type");
        source = source == null ? "" : source;
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target '" + target + "' must be an absolute container path");
        }
        if (target.equals("/")) {
            throw new IllegalArgumentException("mount target must not be '/'");
        }
        if (target.indexOf(':') >= 0) {
            throw new IllegalArgumentException("mount target '" + target + "' must not contain ':'");
        }
        switch (type) {
            case BIND -> {
                if (!source.startsWith("/")) {
                    throw new IllegalArgumentException("bind source '" + source + "' must be an absolute host path");
                }
                if (source.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("bind source '" + source + "' must not contain ':'");
                }
            }
            case VOLUME -> {
                if (!source.isEmpty() && !VOLUME_NAME.matcher(source).matches()) {
                    throw new IllegalArgumentException("invalid volume name '" + source
                            + "': only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters"
                            + " (host paths must start with / or .)");
                }
                if (source.isEmpty() && readOnly) {
                    throw new IllegalArgumentException("anonymous volume at '" + target + "' cannot be read-only");
                }
            }
            case TMPFS -> {
                if (!source.isEmpty()) {
                    throw new IllegalArgumentException("a tmpfs has no source, got '" + source + "'");
                }
                if (tmpfsSize < 0) {
                    throw new IllegalArgumentException("tmpfs size must not be negative: " + tmpfsSize);
                }
            }
        }
        if (type != Type.TMPFS && tmpfsSize != 0) {
            throw new IllegalArgumentException("only a tmpfs has a size, not a " + type + " mount");
        }
    }

    /**
     * A host directory or file ({@code -v /host:/container[:ro]}). A relative host path is made absolute against the
     * current directory, as the CLI does for {@code -v ./dir:/dir}.
     *
     * <pre>{@code
     * Mount.bind(Path.of("/srv/www"), "/www", AccessMode.READ_ONLY);
     * }</pre>
     *
     * @param host the host path
     * @param target the container path
     * @param access {@link AccessMode#READ_ONLY} or {@link AccessMode#READ_WRITE}
     * @return the mount
     */
    public static Mount bind(Path host, String target, AccessMode access) {
        return bind(host, target, SpecValidation.notNull(access, "access mode").readOnly());
    }

    /** For {@link ServiceSpec}'s builder, which still takes a flag. */
    static Mount bind(Path host, String target, boolean readOnly) {
        if (host == null) {
            throw new IllegalArgumentException("bind host path must not be null");
        }
        return new Mount(Type.BIND, host.toAbsolutePath().normalize().toString(), target, readOnly, 0);
    }

    /**
     * A named volume ({@code -v name:/container[:ro]}); the daemon creates it when missing.
     *
     * <pre>{@code
     * Mount.volume("pgdata", "/var/lib/postgresql/data", AccessMode.READ_WRITE);
     * }</pre>
     *
     * @param name the volume name
     * @param target the container path
     * @param access {@link AccessMode#READ_ONLY} or {@link AccessMode#READ_WRITE}
     * @return the mount
     */
    public static Mount volume(String name, String target, AccessMode access) {
        return volume(name, target, SpecValidation.notNull(access, "access mode").readOnly());
    }

    /** For {@link ServiceSpec}'s builder, which still takes a flag. */
    static Mount volume(String name, String target, boolean readOnly) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("volume name must not be empty");
        }
        return new Mount(Type.VOLUME, name, target, readOnly, 0);
    }

    /**
     * A new anonymous volume ({@code -v /container}).
     *
     * <pre>{@code
     * Mount.anonymousVolume("/cache");
     * }</pre>
     *
     * @param target the container path
     * @return the mount
     */
    public static Mount anonymousVolume(String target) {
        return new Mount(Type.VOLUME, "", target, false, 0);
    }

    /**
     * A tmpfs ({@code --tmpfs /container} or, with a size, {@code --mount type=tmpfs,...,tmpfs-size=}).
     *
     * <pre>{@code
     * Mount.tmpfs("/run", 0);                       // the kernel's default size
     * Mount.tmpfs("/tmp", ByteSize.parse("64m"));
     * }</pre>
     *
     * @param target the container path
     * @param sizeBytes its size limit in bytes, 0 for the default
     * @return the mount
     */
    public static Mount tmpfs(String target, long sizeBytes) {
        return new Mount(Type.TMPFS, "", target, false, sizeBytes);
    }

    /**
     * Reads {@code docker run -v} syntax: {@code source:target[:ro|rw]} or {@code target} alone (an anonymous
     * volume). A source starting with {@code /} or {@code .} is a host path (made absolute as by
     * {@link #bind(Path, String, boolean)}); any other source is a volume name. Only the {@code ro} and {@code rw}
     * modes are supported.
     *
     * <pre>{@code
     * Mount.parseVolume("/srv/www:/www:ro");   // BIND /srv/www -> /www, read-only
     * Mount.parseVolume("./conf:/etc/app");    // BIND $PWD/conf -> /etc/app
     * Mount.parseVolume("data:/data");         // VOLUME data -> /data
     * Mount.parseVolume("/cache");             // anonymous VOLUME -> /cache
     * }</pre>
     *
     * @param dashV the {@code -v} value
     * @return the mount
     * @throws IllegalArgumentException naming the spec when it cannot be read
     */
    public static Mount parseVolume(String dashV) {
        if (dashV == null || dashV.isEmpty()) {
            throw new IllegalArgumentException("volume spec must not be empty");
        }
        String[] parts = dashV.split(":", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid volume spec '" + dashV + "': empty part");
            }
        }
        try {
            switch (parts.length) {
                case 1:
                    return anonymousVolume(parts[0]);
                case 2:
                    if (isMode(parts[1])) {
                        throw new IllegalArgumentException("invalid volume spec '" + dashV
                                + "': an anonymous volume takes no mode");
                    }
                    return sourced(parts[0], parts[1], false);
                case 3:
                    if (!isMode(parts[2])) {
                        throw new IllegalArgumentException("invalid volume spec '" + dashV + "': unsupported mode '"
                                + parts[2] + "', expected ro or rw");
                    }
                    return sourced(parts[0], parts[1], parts[2].equals("ro"));
                default:
                    throw new IllegalArgumentException("invalid volume spec '" + dashV
                            + "': expected source:target[:ro|rw] or target");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(dashV)) {
                throw e;
            }
            throw new IllegalArgumentException("invalid volume spec '" + dashV + "': " + e.getMessage(), e);
        }
    }

    private static boolean isMode(String s) {
        return s.equals("ro") || s.equals("rw");
    }

    private static Mount sourced(String source, String target, boolean readOnly) {
        if (source.startsWith("/")) {
            return new Mount(Type.BIND, source, target, readOnly, 0);
        }
        if (source.startsWith(".")) {
            return bind(Path.of(source), target, readOnly);
        }
        return volume(source, target, readOnly);
    }

    /**
     * The mount in CLI syntax: {@code -v} syntax for binds and volumes ({@code /srv:/www:ro}, {@code data:/data},
     * {@code /cache}), {@code --tmpfs} syntax for a tmpfs ({@code /run}, {@code /tmp:size=64m}).
     *
     * <pre>{@code
     * Mount.parseVolume("data:/data:ro").toString(); // "data:/data:ro"
     * }</pre>
     */
    @Override
    public String toString() {
        if (type == Type.TMPFS) {
            String s = target + (readOnly ? ":ro" : "");
            if (tmpfsSize > 0) {
                s += (readOnly ? "," : ":") + "size=" + ByteSize.format(tmpfsSize);
            }
            return s;
        }
        if (source.isEmpty()) {
            return target;
        }
        return source + ":" + target + (readOnly ? ":ro" : "");
    }

    /** The {@code HostConfig.Binds} entry for a bind or named volume. */
    String bindSpec() {
        return source + ":" + target + (readOnly ? ":ro" : "");
    }
}

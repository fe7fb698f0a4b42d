package dev.berth;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths inside one extraction's target directory: where an archive path or a link target leads when the kernel
 * follows it, and the directories an entry needs, each checked to stay under the root.
 * <p>
 * The root is a real path (no links in it), and every directory handed out is one too, so a {@code ..} from it is its
 * physical parent and a {@link Path#startsWith} test is a containment test.
 */
final class ConfinedPaths {
    private static final int MAX_LINK_HOPS = 40;

    private final Path root;

    ConfinedPaths(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * Where {@code segments}, walked from {@code start} as the kernel would (following the links on disk, ".."
     * going up), lead; every step must stay under the root. Parts that do not exist yet are taken literally.
     */
    Path resolve(Path start, List<String> segments, String entry, String reason) throws IOException {
        return resolve(start, segments, entry, reason, new int[1]);
    }

    private Path resolve(Path start, List<String> segments, String entry, String reason, int[] hops)
            throws IOException {
        Path current = start;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            Path next;
            if (segment.equals("..")) {
                next = current.getParent();
            } else {
                next = current.resolve(segment);
                if (Files.isSymbolicLink(next)) {
                    if (++hops[0] > MAX_LINK_HOPS) {
                        throw new UnsafeArchiveException(entry, "too many levels of symbolic links");
                    }
                    String target = Files.readSymbolicLink(next).toString();
                    next = target.startsWith("/") ? next.getRoot()
                            : resolve(current, List.of(target.split("/")), entry, reason, hops);
                }
            }
            if (next == null || !next.startsWith(root)) {
                throw new UnsafeArchiveException(entry, reason);
            }
            current = next;
        }
        return current;
    }

    /** Creates the parent directories one at a time, checking each real path stays under the root. */
    Path createParents(List<String> segments, String entry) throws IOException {
        Path current = root;
        for (String segment : segments) {
            Path next = current.resolve(segment);
            if (attributes(next) == null) {
                Files.createDirectory(next);
            }
            try {
                current = next.toRealPath();
            } catch (NoSuchFileException e) {
                throw new UnsafeArchiveException(entry, "its path leads through a dangling symbolic link");
            }
            if (!current.startsWith(root)) {
                throw new UnsafeArchiveException(entry,
                        "its path leads out of the target directory through a symbolic link");
            }
            if (!Files.isDirectory(current)) {
                throw new NotDirectoryException(next.toString());
            }
        }
        return current;
    }

    /** The segments of an archive path, "." and ".." resolved; refuses absolute paths and climbing above the root. */
    static List<String> segments(String path, String entry, String what) throws UnsafeArchiveException {
        if (path.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(entry, what + " contains a NUL character");
        }
        if (path.startsWith("/")) {
            throw new UnsafeArchiveException(entry, "absolute " + what);
        }
        if (File.separatorChar == '\\' && (path.indexOf('\\') >= 0 || path.indexOf(':') >= 0)) {
            throw new UnsafeArchiveException(entry, what + " uses Windows path syntax");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new UnsafeArchiveException(entry, what + " leaves the target directory");
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The attributes of the path itself (a link is not followed), or null when nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}

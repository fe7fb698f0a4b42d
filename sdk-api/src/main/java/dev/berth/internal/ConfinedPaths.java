package dev.berth.internal;

import dev.berth.errors.UnsafeArchiveException;
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
public final class ConfinedPaths {
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

    /**
     * Checks the text of a symbolic link that is, or is about to be, in {@code dir} (a real directory under the root).
     * It must be relative, must not climb back out of a folder it went into ({@code a/../b}), and followed from
     * {@code dir} through the links on disk it must stay under the root at every step.
     * <p>
     * Why not {@code a/../b}: the kernel does not cancel {@code a/..} as text, it goes into whatever {@code a} is
     * when the link is followed and then to that place's parent. While {@code a} does not exist, or is a plain folder,
     * the text looks harmless; a later {@code a -> ..} (from the same archive, another one, or the caller) turns the
     * link outward. With every {@code ..} in front, a link only climbs from its own folder, which cannot change while
     * the link is in it, and then goes down by names, each staying inside as long as the links it meets do.
     *
     * @param what how the text is named in the refusal, for example "symbolic link target"
     */
    void checkLink(Path dir, String text, String entry, String what) throws IOException {
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(entry, "invalid " + what);
        }
        if (text.startsWith("/")) {
            throw new UnsafeArchiveException(entry, "absolute " + what + " " + text);
        }
        List<String> segments = List.of(text.split("/"));
        boolean descended = false;
        for (String segment : segments) {
            if (segment.equals("..") && descended) {
                throw new UnsafeArchiveException(entry, what + " " + text + " climbs back out of a folder it went"
                        + " into: where that leads depends on what the folder is when the link is followed");
            }
            descended |= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        resolve(dir, segments, entry, what + " " + text + " leaves the target directory");
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

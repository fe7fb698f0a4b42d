package dev.berth.internal;

import dev.berth.ExtractOptions;
import dev.berth.TarArchives;
import dev.berth.errors.UnsafeArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One run of {@link TarArchives#extract}: the state of one extraction into one target directory.
 * <p>
 * What must hold, whatever the archive and however the run ends (success, refusal, a broken or cut stream, any
 * exception): nothing is written outside the target, and no symbolic link the run made leads out of it.
 * <p>
 * <b>Writes.</b> Every entry's parent folder is resolved to a real path (each step through {@code toRealPath}) right
 * before the write and must be under the root; the last name is never followed: whatever is there is deleted as
 * itself, files are created with {@code CREATE_NEW}, and modes and times are set without following links. So a write
 * cannot go through a link, whatever the links on disk say at that moment.
 * <p>
 * <b>Links.</b> Checking a link's text once, when it is created, is not enough: "x/A -> d/../.." is harmless while
 * {@code d} does not exist and leads two levels up once a later "x/d -> .." exists. Two rules close this:
 * <ol>
 * <li>When it is created, a link's text must be relative, must have every {@code ..} in front ({@code a/../b} is
 * refused, see {@link ConfinedPaths#checkLink}), and followed through the links on disk must stay inside. The link's
 * folder is real and cannot be swapped for a link while the link is in it (only empty folders are replaced), so the
 * leading {@code ..}s always land where they did; after that the text only goes down, by names, and a name leads out
 * only through a link that does. So, by induction over the links the run made, none of them leads out, unless a link
 * that was in the target before the run (the caller's) changes where it leads because the archive filled in its
 * path.</li>
 * <li>That is why, after the last entry and on every failure, every link the run made is checked again, and removed
 * when it fails; this repeats until a pass removes nothing, since removing one link changes where links through it
 * lead. A link removed on the success path fails the extraction with {@link UnsafeArchiveException}.</li>
 * </ol>
 * Links that were in the target before are the caller's: they are followed when resolving, never written through
 * when they lead out, and left as they are. As with tar, nobody else is expected to change the target while the run
 * goes on: a process racing it could swap a checked folder for a link between the check and the write.
 * <p>
 * <b>Size.</b> Sparse files keep their holes ({@link EntryContent}), so without limits the disk gets no more data
 * than the archive holds; {@link ExtractOptions} limits bytes (holes counted) and entries, from each entry's header,
 * before anything of that entry is written.
 * <p>
 * <b>Modes.</b> Masked with {@link ExtractOptions#modeMask} ({@code 0755} unless the caller says otherwise): a file's
 * once it is written (until then only its owner may read it), a folder's when the run ends, also when it fails.
 */
public final class TarExtraction {
    private static final Set<StandardOpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    /** What a file has while it is written: nobody else reads a private file before its mode is set. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private final Path root;
    private final ExtractOptions options;
    private final ConfinedPaths paths;
    private final boolean posix;
    /** Folders from entries, in the order first seen, each with its last entry's mode and mtime. */
    private final Map<Path, DirectoryMetadata> directories = new LinkedHashMap<>();
    /** Every symbolic link this run made (a hard link to one is one too), with the entry that made it. */
    private final Map<Path, String> links = new LinkedHashMap<>();
    private long entries;
    private long totalBytes;

    private record DirectoryMetadata(Path path, int mode, FileTime mtime) {
    }

    private TarExtraction(Path root, ExtractOptions options) throws IOException {
        this.root = root;
        this.options = options;
        this.paths = new ConfinedPaths(root);
        this.posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    public static void extract(InputStream tar, Path target, ExtractOptions options) throws IOException {
        Objects.requireNonNull(tar, "tar");
        Objects.requireNonNull(options, "options");
        Path root = target.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(target.toString());
        }
        new TarExtraction(root, options).run(tar);
    }

    private void run(InputStream tar) throws IOException {
        try {
            TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                extract(entry, in);
            }
        } catch (IOException | RuntimeException | Error e) {
            // the same end as a success: no link leading out, and folders with their masked modes (not the open ones
            // they were made with), so what a failed extraction leaves is no more open than what a finished one does
            try {
                removeEscapingLinks();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            try {
                applyDirectoryMetadata();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        removeEscapingLinks();
        applyDirectoryMetadata();
    }

    private void extract(TarArchiveEntry entry, InputStream data) throws IOException {
        String name = entry.getName();
        if (++entries > options.maxEntries()) {
            throw new UnsafeArchiveException(name, "more than " + options.maxEntries() + " entries (the limit)");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new UnsafeArchiveException(name, "devices and FIFOs are not extracted");
        }
        List<String> segments = ConfinedPaths.segments(name, name, "name");
        if (segments.isEmpty()) {
            if (entry.isDirectory()) {
                return; // "./": the target itself, left as it is
            }
            throw new UnsafeArchiveException(name, "would replace the target directory");
        }
        boolean directory = entry.isDirectory();
        boolean symlink = !directory && entry.isSymbolicLink();
        boolean hardLink = !directory && !symlink && entry.isLink();
        if (!directory && !symlink && !hardLink && !entry.isFile()) {
            return; // nothing to create (volume labels and the like)
        }
        List<String> parentSegments = segments.subList(0, segments.size() - 1);
        String last = segments.get(segments.size() - 1);

        // every check first: nothing is written for a refused entry
        if (!directory && !symlink && !hardLink) {
            if (entry.isStarSparse()) { // its map is not read: its stored parts could not be put in place
                throw new UnsafeArchiveException(name, "sparse files in star's format are not extracted");
            }
            long size = EntryContent.size(entry);
            if (size < 0) {
                throw new UnsafeArchiveException(name, "negative size " + size);
            }
            if (size > options.maxTotalBytes() - totalBytes) {
                throw new UnsafeArchiveException(name, "its " + size + " bytes make the files more than "
                        + options.maxTotalBytes() + " bytes in all (the limit)");
            }
            totalBytes += size;
        }
        Path parent = paths.resolve(root, parentSegments, name, "its path leads out of the target directory"
                + " through a symbolic link");
        Path linkSource = null;
        boolean linkCopy = false;
        if (symlink) {
            paths.checkLink(parent, entry.getLinkName(), name, "symbolic link target");
        } else if (hardLink) {
            String linkName = entry.getLinkName();
            List<String> linkSegments = ConfinedPaths.segments(linkName, name, "hard link target " + linkName);
            if (linkSegments.isEmpty()) {
                throw new UnsafeArchiveException(name, "hard link to the target directory");
            }
            Path linkParent = paths.resolve(root, linkSegments.subList(0, linkSegments.size() - 1), name,
                    "hard link target " + linkName + " leads out of the target directory");
            linkSource = linkParent.resolve(linkSegments.get(linkSegments.size() - 1));
            BasicFileAttributes source = ConfinedPaths.attributes(linkSource);
            if (source == null) {
                throw new UnsafeArchiveException(name, "hard link target " + linkName + " does not exist");
            }
            if (source.isDirectory()) {
                throw new UnsafeArchiveException(name, "hard link to a directory");
            }
            if (source.isSymbolicLink()) {
                // a hard link to a symbolic link is a second symbolic link with the same text, read from the new
                // place: "a/b/s -> ../.." stays inside, the same text at the top leads out
                String text = Files.readSymbolicLink(linkSource).toString();
                paths.checkLink(parent, text, name, "symbolic link target (through hard link target " + linkName
                        + ")");
                linkCopy = true;
            }
        }

        Path dir = paths.createParents(parentSegments, name);
        Path path = dir.resolve(last);
        BasicFileAttributes existing = ConfinedPaths.attributes(path);
        if (directory) {
            if (existing != null && !existing.isDirectory()) {
                Files.delete(path); // a file or link: removed, not followed
            }
            if (existing == null || !existing.isDirectory()) {
                Files.createDirectory(path);
            }
            directories.put(path, new DirectoryMetadata(path, entry.getMode(), entry.getLastModifiedTime()));
            return;
        }
        if (existing != null) {
            Files.delete(path); // the link itself, never its target; a non-empty directory fails here
        }
        if (symlink) {
            links.put(path, name); // before it exists: whatever happens from here on, the sweep looks at it
            Files.createSymbolicLink(path, path.getFileSystem().getPath(entry.getLinkName()));
            try {
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(entry.getLastModifiedTime(), null, null);
            } catch (IOException | UnsupportedOperationException e) {
                // link times are best effort
            }
        } else if (hardLink) {
            if (linkCopy) {
                links.put(path, name);
            }
            Files.createLink(path, linkSource);
        } else {
            try (FileChannel out = posix ? FileChannel.open(path, NEW_FILE, OWNER_ONLY)
                    : FileChannel.open(path, NEW_FILE)) {
                EntryContent.write(entry, data, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(path); // a cut archive leaves no file holding part of its entry
                throw e;
            }
            setModeAndTime(path, entry.getMode(), entry.getLastModifiedTime());
        }
    }

    /**
     * Removes every link this run made that fails {@link ConfinedPaths#checkLink} now, pass after pass until one
     * removes nothing: removing a link can turn another one outward (a path through it then goes on by name).
     *
     * @throws UnsafeArchiveException for the first link removed, once all are removed
     */
    private void removeEscapingLinks() throws IOException {
        UnsafeArchiveException first = null;
        boolean removed = true;
        while (removed) {
            removed = false;
            for (Iterator<Map.Entry<Path, String>> i = links.entrySet().iterator(); i.hasNext(); ) {
                Map.Entry<Path, String> link = i.next();
                Path path = link.getKey(); // its folder is still a real path: a folder holding a link is not replaced
                if (!Files.isSymbolicLink(path)) {
                    i.remove(); // replaced by a later entry, or never made
                    continue;
                }
                try {
                    paths.checkLink(path.getParent(), Files.readSymbolicLink(path).toString(), link.getValue(),
                            "symbolic link target");
                } catch (UnsafeArchiveException e) {
                    Files.delete(path);
                    i.remove();
                    removed = true;
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Modes and times of directories, children before their parents, once nothing more is written in them. */
    private void applyDirectoryMetadata() throws IOException {
        List<DirectoryMetadata> all = new ArrayList<>(directories.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            DirectoryMetadata d = all.get(i);
            if (!Files.isDirectory(d.path(), LinkOption.NOFOLLOW_LINKS)) {
                continue; // replaced by a later entry
            }
            setModeAndTime(d.path(), d.mode(), d.mtime());
        }
    }

    /**
     * The entry's mode, masked ({@link ExtractOptions#modeMask}), and mtime, set on the path itself: should a link
     * be there after all, this fails rather than change the link's target.
     */
    private void setModeAndTime(Path path, int mode, FileTime mtime) throws IOException {
        if (posix) {
            int masked = mode & options.modeMask();
            try {
                Files.setAttribute(path, "unix:mode", masked, LinkOption.NOFOLLOW_LINKS); // with the special bits
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions(masked));
            }
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, null, null);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                set.add(p);
            }
        }
        return set;
    }
}

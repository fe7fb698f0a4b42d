package dev.berth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** One run of {@link TarArchives#extract}: the state of one extraction into one target directory. */
final class TarExtraction {
    private final Path root;
    private final ConfinedPaths paths;
    private final boolean posix;
    private final List<DirectoryMetadata> directories = new ArrayList<>();
    private final List<CreatedLink> links = new ArrayList<>();

    private record DirectoryMetadata(Path path, int mode, FileTime mtime) {
    }

    private record CreatedLink(Path path, String entry) {
    }

    private TarExtraction(Path root) throws IOException {
        this.root = root;
        this.paths = new ConfinedPaths(root);
        this.posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    static void extract(InputStream tar, Path target) throws IOException {
        Objects.requireNonNull(tar, "tar");
        Path root = target.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(target.toString());
        }
        TarExtraction extraction = new TarExtraction(root);
        TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            extraction.extract(entry, in);
        }
        extraction.finish();
    }

    private void extract(TarArchiveEntry entry, InputStream data) throws IOException {
        String name = entry.getName();
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
        Path parent = paths.resolve(root, parentSegments, name, "its path leads out of the target directory"
                + " through a symbolic link");
        Path linkSource = null;
        boolean linkCopy = false;
        if (symlink) {
            String linkName = entry.getLinkName();
            if (linkName.isEmpty() || linkName.indexOf('\0') >= 0) {
                throw new UnsafeArchiveException(name, "invalid symbolic link target");
            }
            if (linkName.startsWith("/")) {
                throw new UnsafeArchiveException(name, "absolute symbolic link target " + linkName);
            }
            paths.resolve(parent, List.of(linkName.split("/")), name,
                    "symbolic link target " + linkName + " leaves the target directory");
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
                if (text.startsWith("/")) {
                    throw new UnsafeArchiveException(name, "hard link target " + linkName
                            + " is a symbolic link to an absolute path");
                }
                paths.resolve(parent, List.of(text.split("/")), name, "hard link target " + linkName
                        + " is a symbolic link that leads out of the target directory from here");
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
            directories.add(new DirectoryMetadata(path, entry.getMode(), entry.getLastModifiedTime()));
            return;
        }
        if (existing != null) {
            Files.delete(path); // the link itself, never its target; a non-empty directory fails here
        }
        if (symlink) {
            Files.createSymbolicLink(path, path.getFileSystem().getPath(entry.getLinkName()));
            links.add(new CreatedLink(path, name));
            try {
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(entry.getLastModifiedTime(), null, null);
            } catch (IOException | UnsupportedOperationException e) {
                // link times are best effort
            }
        } else if (hardLink) {
            Files.createLink(path, linkSource);
            if (linkCopy) {
                links.add(new CreatedLink(path, name)); // checked again at the end, as every symbolic link
            }
        } else {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                data.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(path); // a cut archive leaves no file holding part of its entry
                throw e;
            }
            if (posix) {
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
            Files.setLastModifiedTime(path, entry.getLastModifiedTime());
        }
    }

    /** Checks every link again (a later entry may have changed where its path leads), then directory metadata. */
    private void finish() throws IOException {
        for (CreatedLink link : links) {
            Path path = link.path();
            if (!Files.isSymbolicLink(path)) {
                continue;
            }
            String target = Files.readSymbolicLink(path).toString();
            try {
                paths.resolve(path.getParent(), List.of(target.split("/")), link.entry(),
                        "symbolic link target " + target + " leaves the target directory");
            } catch (UnsafeArchiveException e) {
                Files.delete(path);
                throw e;
            }
        }
        for (int i = directories.size() - 1; i >= 0; i--) { // children before their parents
            DirectoryMetadata d = directories.get(i);
            if (!Files.isDirectory(d.path(), LinkOption.NOFOLLOW_LINKS)) {
                continue; // replaced by a later entry
            }
            if (posix) {
                Files.setPosixFilePermissions(d.path(), permissions(d.mode()));
            }
            Files.setLastModifiedTime(d.path(), d.mtime());
        }
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

package dev.berth;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar streams the Engine API trades in: build contexts ({@code POST /build}), {@code docker cp} in both
 * directions ({@code PUT} and {@code GET /containers/{id}/archive}), image import and container export.
 * <p>
 * Archives are written the way the CLI writes a build context, so the classic builder's cache (which hashes every
 * header field but the mtime) hits across machines and runs: entries in sorted name order, uid and gid 0, empty user
 * and group names, the files' own permission bits, mtimes in whole seconds, symbolic links stored as links. Writing
 * streams into the given {@link OutputStream} without a temporary file; extraction refuses entries that could write
 * outside the target directory.
 *
 * <pre>{@code
 * try (OutputStream body = Files.newOutputStream(Path.of("context.tar"))) {
 *     TarArchives.writeDirectory(Path.of("app"), body, DockerIgnore.read(Path.of("app")));
 * }
 * try (InputStream in = Files.newInputStream(Path.of("export.tar"))) {
 *     TarArchives.extract(in, Files.createDirectories(Path.of("rootfs")));
 * }
 * }</pre>
 */
public final class TarArchives {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_LINK_HOPS = 40;
    private static final Comparator<Path> BY_NAME =
            (a, b) -> compareCodePoints(a.getFileName().toString(), b.getFileName().toString());

    private TarArchives() {
    }

    /** What a walk does with one path. */
    private enum Decision { WRITE, DESCEND_ONLY, SKIP }

    @FunctionalInterface
    private interface Filter {
        Decision decide(String relativePath, boolean directory);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    /**
     * Writes a tar of {@code dir}'s contents (not {@code dir} itself) to {@code out}. Entry names are relative with
     * {@code /} separators, directories ending in {@code /}; the tree is walked depth first in sorted name order,
     * so the same tree always gives the same bytes. Symbolic links are stored as links, never followed; sockets,
     * FIFOs and devices are left out.
     * <p>
     * {@code include} sees each relative path (no trailing {@code /}, also for directories) and returns false to
     * leave it out. <b>For a directory, false leaves out the whole subtree</b>, which is not read at all; to keep a
     * directory's entry out but still visit its contents, use {@link #writeDirectory(Path, OutputStream,
     * DockerIgnore)}.
     * <p>
     * {@code out} is not closed: the archive is finished (end-of-archive blocks written, stream flushed), so this can
     * write straight into a request body.
     *
     * <pre>{@code
     * TarArchives.writeDirectory(Path.of("site"), body, path -> !path.endsWith(".tmp") && !path.equals(".git"));
     * }</pre>
     *
     * @throws NotDirectoryException when {@code dir} is not a directory
     */
    public static void writeDirectory(Path dir, OutputStream out, Predicate<String> include) throws IOException {
        Objects.requireNonNull(include, "include");
        writeTree(dir, out, (path, directory) -> include.test(path) ? Decision.WRITE : Decision.SKIP);
    }

    /**
     * Writes a build context as {@code docker build} sends it: {@code dir}'s contents minus what {@code ignore}
     * excludes. An excluded directory is pruned unread when {@link DockerIgnore#canSkipDirectory} allows it;
     * otherwise its own entry is left out but its contents are visited so exceptions can bring files back. Add the
     * Dockerfile and {@code .dockerignore} with {@link DockerIgnore#withAlwaysIncluded} first, as the CLI does.
     *
     * <pre>{@code
     * Path context = Path.of("app");
     * DockerIgnore ignore = DockerIgnore.read(context).withAlwaysIncluded("Dockerfile", ".dockerignore");
     * TarArchives.writeDirectory(context, requestBody, ignore);
     * }</pre>
     *
     * @throws NotDirectoryException when {@code dir} is not a directory
     */
    public static void writeDirectory(Path dir, OutputStream out, DockerIgnore ignore) throws IOException {
        Objects.requireNonNull(ignore, "ignore");
        writeTree(dir, out, (path, directory) -> {
            if (!ignore.excludes(path)) {
                return Decision.WRITE;
            }
            return directory && !ignore.canSkipDirectory(path) ? Decision.DESCEND_ONLY : Decision.SKIP;
        });
    }

    /**
     * Writes one file, symbolic link or directory tree under its own name, as {@code docker cp LOCAL CONTAINER:DIR}
     * sends it: {@code app/} and {@code app/...} for a directory {@code app}, a single entry for a file. Headers as
     * for {@link #writeDirectory(Path, OutputStream, Predicate)}; {@code out} is finished, not closed.
     *
     * <pre>{@code
     * TarArchives.writePath(Path.of("config/nginx.conf"), body);   // one entry: nginx.conf
     * }</pre>
     *
     * @throws IOException also when {@code local} is a socket, FIFO or device
     */
    public static void writePath(Path local, OutputStream out) throws IOException {
        Path name = local.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new IllegalArgumentException("cannot archive the file system root under its own name: " + local);
        }
        BasicFileAttributes attrs = Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isOther()) {
            throw new IOException("not a regular file, directory or symbolic link: " + local);
        }
        TarArchiveOutputStream tar = open(out);
        byte[] buffer = new byte[BUFFER_SIZE];
        writeEntry(tar, local, name.toString(), attrs, buffer);
        if (attrs.isDirectory()) {
            walk(tar, local, name + "/", (path, directory) -> Decision.WRITE, buffer);
        }
        tar.finish();
        tar.flush();
    }

    /**
     * The tar entry name for a relative path: its elements joined with {@code /} whatever the platform separator.
     *
     * <pre>{@code
     * TarArchives.entryName(Path.of("src", "main", "App.java"));   // "src/main/App.java"
     * }</pre>
     *
     * @throws IllegalArgumentException for an absolute path
     */
    public static String entryName(Path relative) {
        if (relative.isAbsolute()) {
            throw new IllegalArgumentException("not a relative path: " + relative);
        }
        StringJoiner name = new StringJoiner("/");
        for (Path element : relative) {
            name.add(element.toString());
        }
        return name.toString();
    }

    private static void writeTree(Path dir, OutputStream out, Filter filter) throws IOException {
        Objects.requireNonNull(out, "out");
        if (!Files.isDirectory(dir)) { // follows a link: the context directory itself may be one, as for the CLI
            throw new NotDirectoryException(dir.toString());
        }
        TarArchiveOutputStream tar = open(out);
        walk(tar, dir, "", filter, new byte[BUFFER_SIZE]);
        tar.finish();
        tar.flush();
    }

    private static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /** Depth first, each directory's entries sorted; only one directory listing per level is held. */
    private static void walk(TarArchiveOutputStream tar, Path dir, String prefix, Filter filter, byte[] buffer)
            throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted(BY_NAME).collect(Collectors.toList());
        }
        for (Path child : children) {
            String path = prefix + child.getFileName();
            BasicFileAttributes attrs =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isOther()) {
                continue; // sockets, FIFOs, devices
            }
            Decision decision = filter.decide(path, attrs.isDirectory());
            if (decision == Decision.SKIP) {
                continue;
            }
            if (decision == Decision.WRITE) {
                writeEntry(tar, child, path, attrs, buffer);
            }
            if (attrs.isDirectory()) {
                walk(tar, child, path + "/", filter, buffer);
            }
        }
    }

    private static void writeEntry(TarArchiveOutputStream tar, Path file, String name, BasicFileAttributes attrs,
                                   byte[] buffer) throws IOException {
        TarArchiveEntry entry;
        if (attrs.isSymbolicLink()) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            String target = Files.readSymbolicLink(file).toString();
            entry.setLinkName(File.separatorChar == '/' ? target : target.replace(File.separatorChar, '/'));
        } else if (attrs.isDirectory()) {
            entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        } else {
            entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
            entry.setSize(attrs.size());
        }
        entry.setMode(mode(file, attrs));
        entry.setIds(0, 0);
        entry.setNames("", "");
        entry.setModTime(FileTime.from(attrs.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        tar.putArchiveEntry(entry);
        if (attrs.isRegularFile()) {
            try (InputStream in = Files.newInputStream(file)) {
                long remaining = attrs.size();
                while (remaining > 0) { // exactly the size in the header, even if the file grows meanwhile
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new IOException(file + " shrank while it was being archived");
                    }
                    tar.write(buffer, 0, n);
                    remaining -= n;
                }
            }
        }
        tar.closeArchiveEntry();
    }

    /** Permission bits (with setuid, setgid and sticky where the platform tells them); a fallback elsewhere. */
    private static int mode(Path file, BasicFileAttributes attrs) throws IOException {
        try {
            if (Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) instanceof Integer mode) {
                return mode & 07777;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view here: try the POSIX one
        }
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) {
                mode |= 0400 >> p.ordinal(); // the enum runs OWNER_READ ... OTHERS_EXECUTE, high bit first
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            if (attrs.isSymbolicLink()) {
                return 0777;
            }
            return attrs.isDirectory() || Files.isExecutable(file) ? 0755 : 0644;
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb); // code point order is UTF-8 byte order, as Go sorts names
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    // ---- extracting ---------------------------------------------------------------------------------------

    /**
     * Extracts a tar into the existing directory {@code target}, refusing with {@link UnsafeArchiveException}, before
     * anything is written for that entry, every entry that could reach outside it:
     * <ul>
     * <li>absolute names, and names whose {@code ..} climbs above {@code target};</li>
     * <li>symbolic links whose target, followed from the link's directory through the links already on disk, leaves
     * {@code target} (absolute link targets always do);</li>
     * <li>hard links to a path outside {@code target} or to one that does not exist yet;</li>
     * <li>any entry whose parent path leads out through a symbolic link, extracted earlier or already there;</li>
     * <li>character and block devices and FIFOs.</li>
     * </ul>
     * Parent directories are created as needed; regular files are streamed, keep their permission bits (where the
     * file system has POSIX permissions; setuid, setgid and sticky bits are dropped) and their mtime; directories get
     * theirs once everything is extracted, so read-only directories can still be filled. An existing file, link or
     * empty directory at an entry's path is replaced, without following a link there. Entries extracted before a
     * refused one stay. {@code tar} is read to the end of the archive and not closed.
     *
     * <pre>{@code
     * try (InputStream in = containerFiles.read("web", "/etc/nginx")) {
     *     TarArchives.extract(in, Files.createDirectories(Path.of("backup")));
     * }
     * }</pre>
     *
     * @throws NotDirectoryException when {@code target} is not a directory
     */
    public static void extract(InputStream tar, Path target) throws IOException {
        Objects.requireNonNull(tar, "tar");
        Path root = target.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(target.toString());
        }
        Extraction extraction = new Extraction(root);
        TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            extraction.extract(entry, in);
        }
        extraction.finish();
    }

    private record DirectoryMetadata(Path path, int mode, FileTime mtime) {
    }

    private record CreatedLink(Path path, String entry) {
    }

    /** The state of one extraction: directories whose metadata waits for the end, links to check again. */
    private static final class Extraction {
        private final Path root;
        private final boolean posix;
        private final List<DirectoryMetadata> directories = new ArrayList<>();
        private final List<CreatedLink> links = new ArrayList<>();

        Extraction(Path root) throws IOException {
            this.root = root;
            this.posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
        }

        void extract(TarArchiveEntry entry, InputStream data) throws IOException {
            String name = entry.getName();
            if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                throw new UnsafeArchiveException(name, "devices and FIFOs are not extracted");
            }
            List<String> segments = segments(name, name, "name");
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
            Path parent = resolve(root, parentSegments, name, "its path leads out of the target directory through"
                    + " a symbolic link", new int[1]);
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
                resolve(parent, List.of(linkName.split("/")), name,
                        "symbolic link target " + linkName + " leaves the target directory", new int[1]);
            } else if (hardLink) {
                String linkName = entry.getLinkName();
                List<String> linkSegments = segments(linkName, name, "hard link target " + linkName);
                if (linkSegments.isEmpty()) {
                    throw new UnsafeArchiveException(name, "hard link to the target directory");
                }
                Path linkParent = resolve(root, linkSegments.subList(0, linkSegments.size() - 1), name,
                        "hard link target " + linkName + " leads out of the target directory", new int[1]);
                linkSource = linkParent.resolve(linkSegments.get(linkSegments.size() - 1));
                BasicFileAttributes source = attributes(linkSource);
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
                    resolve(parent, List.of(text.split("/")), name, "hard link target " + linkName
                            + " is a symbolic link that leads out of the target directory from here", new int[1]);
                    linkCopy = true;
                }
            }

            Path dir = createParents(parentSegments, name);
            Path path = dir.resolve(last);
            BasicFileAttributes existing = attributes(path);
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
        void finish() throws IOException {
            for (CreatedLink link : links) {
                Path path = link.path();
                if (!Files.isSymbolicLink(path)) {
                    continue;
                }
                String target = Files.readSymbolicLink(path).toString();
                try {
                    resolve(path.getParent(), List.of(target.split("/")), link.entry(),
                            "symbolic link target " + target + " leaves the target directory", new int[1]);
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

        /**
         * Where {@code segments}, walked from {@code start} as the kernel would (following the links on disk, ".."
         * going up), lead; every step must stay under the root. Parts that do not exist yet are taken literally.
         */
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
        private Path createParents(List<String> segments, String entry) throws IOException {
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
    }

    /** The segments of an archive path, "." and ".." resolved; refuses absolute paths and climbing above the root. */
    private static List<String> segments(String path, String entry, String what) throws UnsafeArchiveException {
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
    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
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

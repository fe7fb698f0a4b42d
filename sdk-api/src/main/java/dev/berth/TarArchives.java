package dev.berth;

import dev.berth.errors.UnsafeArchiveException;
import dev.berth.internal.TarExtraction;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
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
     * @param dir the directory whose contents are written
     * @param out where the tar goes; left open
     * @param include false for a path to leave out (for a directory: with everything beneath it)
     * @throws NotDirectoryException when {@code dir} is not a directory
     * @throws IOException when reading a file or writing {@code out} fails
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
     * @param dir the build context's root
     * @param out where the tar goes; left open
     * @param ignore the rules of the context's {@code .dockerignore}
     * @throws NotDirectoryException when {@code dir} is not a directory
     * @throws IOException when reading a file or writing {@code out} fails
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
     * @param local the file, symbolic link or directory
     * @param out where the tar goes; left open
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
     * @param relative a relative path
     * @return its elements joined with {@code /}
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
     * {@code target} (absolute link targets always do), or goes into a folder and back out ({@code a/../b}: where that
     * leads depends on what {@code a} turns out to be, so it is refused even when it stays inside);</li>
     * <li>hard links to a path outside {@code target} or to one that does not exist yet;</li>
     * <li>any entry whose parent path leads out through a symbolic link, extracted earlier or already there;</li>
     * <li>character and block devices and FIFOs.</li>
     * </ul>
     * Parent directories are created as needed; regular files are streamed (sparse ones with their holes left as
     * holes, except in star's format, which is refused) and get their mode and mtime; directories get theirs when the
     * extraction ends, also when it fails, so read-only directories can still be filled. Modes are masked with
     * {@code 0755} (where the file system has POSIX permissions): nothing comes out group- or world-writable, setuid,
     * setgid or sticky; {@link ExtractOptions#preservingModes()} keeps them as stored. An existing file, link or empty
     * directory at an entry's path is replaced, without following a link there. Entries extracted before a refused one
     * stay. {@code tar} is read to the end of the archive and not closed. There are no limits on size or entry count;
     * {@link #extract(InputStream, Path, ExtractOptions)} sets some.
     * <p>
     * Whatever the outcome (success, a refused entry, a broken or cut stream), no symbolic link this extraction made
     * leads out of {@code target} afterwards: once the last entry is written, or the extraction failed, every link it
     * made is checked again and removed when a later entry turned it outward (through a link that was in
     * {@code target} before); the extraction then fails with {@link UnsafeArchiveException} naming that link's entry.
     * Links that were in {@code target} before are left as they are.
     *
     * <pre>{@code
     * try (InputStream in = containerFiles.read("web", "/etc/nginx")) {
     *     TarArchives.extract(in, Files.createDirectories(Path.of("backup")));
     * }
     * }</pre>
     *
     * @param tar the archive, read to its end; left open
     * @param target the directory to extract into
     * @throws NotDirectoryException when {@code target} is not a directory
     * @throws IOException when reading the archive or writing a file fails
     */
    public static void extract(InputStream tar, Path target) throws IOException {
        extract(tar, target, ExtractOptions.defaults());
    }

    /**
     * Extracts a tar into the existing directory {@code target} as {@link #extract(InputStream, Path)} does, within
     * the limits in {@code options}: an entry that goes over one is refused with {@link UnsafeArchiveException}
     * before anything is written for it.
     *
     * <pre>{@code
     * ExtractOptions limits = ExtractOptions.defaults().withMaxTotalBytes(1L << 30).withMaxEntries(50_000);
     * try (InputStream in = Files.newInputStream(Path.of("upload.tar"))) {
     *     TarArchives.extract(in, Files.createDirectories(Path.of("upload")), limits);
     * }
     * }</pre>
     *
     * @param tar the archive, read to its end; left open
     * @param target the directory to extract into
     * @param options the limits and the mode mask
     * @throws NotDirectoryException when {@code target} is not a directory
     * @throws IOException when reading the archive or writing a file fails
     */
    public static void extract(InputStream tar, Path target, ExtractOptions options) throws IOException {
        TarExtraction.extract(tar, target, options);
    }
}

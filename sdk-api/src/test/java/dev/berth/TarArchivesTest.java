package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.UnsafeArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchivesTest {
    private static final FileTime MTIME = FileTime.from(Instant.parse("2020-01-02T03:04:05.678Z"));
    private static final String LONG_DIR = "long/" + "d".repeat(70);
    private static final String LONG_FILE = LONG_DIR + "/" + "f".repeat(150 - LONG_DIR.length() - 5) + ".txt";

    @TempDir
    Path tmp;
    private Path work;
    private Path target;
    private Path sibling;

    @BeforeEach
    void dirs() throws IOException {
        work = Files.createDirectories(tmp.resolve("work"));
        target = Files.createDirectories(work.resolve("target"));
        sibling = Files.createDirectories(work.resolve("sibling"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void file(Path root, String name, String content, String perms) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setLastModifiedTime(p, MTIME);
    }

    /** A tree with plain and executable files, nested and long-named directories and a symbolic link. */
    private Path sampleTree() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        file(src, "b.txt", "bee", "rw-r--r--");
        file(src, "bin/run.sh", "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        file(src, "nested/deep/file.txt", "deep", "rw-r-----");
        file(src, LONG_FILE, "long", "rw-r--r--");
        Files.createSymbolicLink(src.resolve("a-link"), Path.of("b.txt"));
        try (Stream<Path> all = Files.walk(src)) {
            for (Path dir : all.filter(Files::isDirectory).collect(Collectors.toList())) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return src;
    }

    /** Entries in archive order, by name; file contents in {@code contents}. */
    private static Map<String, TarArchiveEntry> read(byte[] tar, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), e);
                if (e.isFile()) {
                    contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Refused for {@code entry}, and nothing appeared outside the target. */
    private void refused(byte[] tar, String entry) throws IOException {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> TarArchives.extract(new ByteArrayInputStream(tar), target));
        assertEquals(entry, e.entryName(), e.getMessage());
        assertTrue(e.getMessage().contains(entry), e.getMessage());
        assertEquals(List.of(), list(sibling), "sibling directory of the target");
        assertEquals(List.of("sibling", "target"), list(work), "next to the target");
    }

    // ---- writing --------------------------------------------------------------------------------------------

    @Test
    void writesSortedHeadersTheBuildCacheLikes() throws Exception {
        Path src = sampleTree();
        boolean[] closed = {false};
        ByteArrayOutputStream first = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        TarArchives.writeDirectory(src, first, path -> true);
        assertFalse(closed[0], "the output stream belongs to the caller");

        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = read(first.toByteArray(), contents);
        assertEquals(List.of("a-link", "b.txt", "bin/", "bin/run.sh", "long/", LONG_DIR + "/", LONG_FILE, "nested/",
                "nested/deep/", "nested/deep/file.txt"), new ArrayList<>(entries.keySet()));
        assertEquals(150, LONG_FILE.length());
        for (TarArchiveEntry e : entries.values()) {
            assertEquals(0, e.getLongUserId(), e.getName());
            assertEquals(0, e.getLongGroupId(), e.getName());
            assertEquals("", e.getUserName(), e.getName());
            assertEquals("", e.getGroupName(), e.getName());
        }
        assertEquals(0644, entries.get("b.txt").getMode());
        assertEquals(0755, entries.get("bin/run.sh").getMode());
        assertEquals(0640, entries.get("nested/deep/file.txt").getMode());
        assertEquals(0755, entries.get("nested/").getMode());
        assertTrue(entries.get("nested/").isDirectory());
        assertTrue(entries.get("a-link").isSymbolicLink());
        assertEquals("b.txt", entries.get("a-link").getLinkName());
        assertEquals(Instant.parse("2020-01-02T03:04:05Z"), entries.get("b.txt").getLastModifiedTime().toInstant());
        assertEquals("bee", contents.get("b.txt"));
        assertEquals("long", contents.get(LONG_FILE));
        assertEquals(10, entries.size());

        Thread.sleep(1100); // a header stamped with the current time would now differ
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        TarArchives.writeDirectory(src, second, path -> true);
        assertArrayEquals(first.toByteArray(), second.toByteArray());
    }

    @Test
    void aRefusedDirectoryIsNotEntered() throws IOException {
        Path src = sampleTree();
        List<String> asked = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarArchives.writeDirectory(src, out, path -> {
            asked.add(path);
            return !path.equals("nested") && !path.equals("bin/run.sh");
        });
        assertTrue(asked.contains("nested"));
        assertFalse(asked.stream().anyMatch(p -> p.startsWith("nested/")), asked.toString());
        Map<String, TarArchiveEntry> entries = read(out.toByteArray(), new LinkedHashMap<>());
        assertEquals(List.of("a-link", "b.txt", "bin/", "long/", LONG_DIR + "/", LONG_FILE),
                new ArrayList<>(entries.keySet()));
    }

    @Test
    void buildContextFollowsTheDockerignore() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("context"));
        file(src, "Dockerfile", "FROM scratch\n", "rw-r--r--");
        file(src, ".dockerignore", "big\n*.log\n!keep.log\nsecret\n!secret/public.txt\nDockerfile\n", "rw-r--r--");
        file(src, "big/blob.bin", "x".repeat(10_000), "rw-r--r--");
        file(src, "big/sub/more.bin", "y", "rw-r--r--");
        file(src, "app.log", "noise", "rw-r--r--");
        file(src, "keep.log", "kept", "rw-r--r--");
        file(src, "secret/private.txt", "no", "rw-r--r--");
        file(src, "secret/public.txt", "yes", "rw-r--r--");
        file(src, "src/main.go", "package main", "rw-r--r--");
        Process fifo = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        try {
            fifo.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        DockerIgnore ignore = DockerIgnore.read(src).withAlwaysIncluded("Dockerfile", ".dockerignore");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarArchives.writeDirectory(src, out, ignore);
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = read(out.toByteArray(), contents);
        // secret/ itself is excluded (no entry) but walked for the exception; big/ is gone; the FIFO is skipped
        assertEquals(List.of(".dockerignore", "Dockerfile", "keep.log", "secret/public.txt", "src/", "src/main.go"),
                new ArrayList<>(entries.keySet()));
        assertEquals("FROM scratch\n", contents.get("Dockerfile"));
    }

    @Test
    void writePathUsesTheOwnName() throws IOException {
        Path src = sampleTree();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarArchives.writePath(src.resolve("bin"), out);
        assertEquals(List.of("bin/", "bin/run.sh"), new ArrayList<>(read(out.toByteArray(), new LinkedHashMap<>())
                .keySet()));
        assertEquals("a/b/c", TarArchives.entryName(Path.of("a", "b", "c")));
    }

    // ---- extracting -----------------------------------------------------------------------------------------

    @Test
    void extractRoundTripKeepsContentModesTimesAndLinks() throws IOException {
        Path src = sampleTree();
        file(src, "ro/inside.txt", "in a read-only dir", "r--r--r--");
        Files.setPosixFilePermissions(src.resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarArchives.writeDirectory(src, out, path -> true);
        try {
            TarArchives.extract(new ByteArrayInputStream(out.toByteArray()), target);

            assertEquals("bee", Files.readString(target.resolve("b.txt")));
            assertEquals("long", Files.readString(target.resolve(LONG_FILE)));
            assertEquals("in a read-only dir", Files.readString(target.resolve("ro/inside.txt")));
            assertEquals("rwxr-xr-x", perms(target.resolve("bin/run.sh")));
            assertEquals("rw-r-----", perms(target.resolve("nested/deep/file.txt")));
            assertEquals("r--r--r--", perms(target.resolve("ro/inside.txt")));
            assertEquals("r-xr-xr-x", perms(target.resolve("ro")));
            assertTrue(Files.isSymbolicLink(target.resolve("a-link")));
            assertEquals(Path.of("b.txt"), Files.readSymbolicLink(target.resolve("a-link")));
            assertEquals(Instant.parse("2020-01-02T03:04:05Z"),
                    Files.getLastModifiedTime(target.resolve("b.txt")).toInstant());
        } finally {
            Files.setPosixFilePermissions(src.resolve("ro"), PosixFilePermissions.fromString("rwxr-xr-x"));
            if (Files.isDirectory(target.resolve("ro"))) {
                Files.setPosixFilePermissions(target.resolve("ro"), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void extractReplacesFilesAndWritesThroughLinksThatStayInside() throws IOException {
        Files.writeString(target.resolve("old.txt"), "old");
        byte[] tar = new TestTar().file("old.txt", "new").dir("inside/").symlink("lnk", "inside")
                .file("lnk/f.txt", "via link").dir("d/").symlink("d/up", "..").file("./d/up/g.txt", "g").bytes();
        TarArchives.extract(new ByteArrayInputStream(tar), target);
        assertEquals("new", Files.readString(target.resolve("old.txt")));
        assertEquals("via link", Files.readString(target.resolve("inside/f.txt")));
        assertEquals("g", Files.readString(target.resolve("g.txt")));
    }

    @Test
    void refusesNamesThatClimbOut() throws IOException {
        refused(new TestTar().file("../x", "x").bytes(), "../x");
        refused(new TestTar().file("a/../../x", "x").bytes(), "a/../../x");
        refused(new TestTar().file("ok.txt", "fine").file("../sibling/x", "x").bytes(), "../sibling/x");
        assertEquals(List.of("ok.txt"), list(target)); // entries before the refused one stay
    }

    @Test
    void refusesAbsoluteNames() throws IOException {
        refused(new TestTar().file("/etc/x", "x").bytes(), "/etc/x");
        String outside = sibling.resolve("abs.txt").toString();
        refused(new TestTar().file(outside, "x").bytes(), outside);
        assertEquals(List.of(), list(target));
    }

    @Test
    void refusesSymlinksOutAndWritingThroughThem() throws IOException {
        refused(new TestTar().symlink("evil", "/etc").file("evil/passwd", "root::0:0::/:/bin/sh").bytes(), "evil");
        refused(new TestTar().symlink("evil", "../sibling").file("evil/passwd", "x").bytes(), "evil");
        refused(new TestTar().symlink("up", "../..").bytes(), "up");
        // each link stays inside on its own; together they lead out
        refused(new TestTar().dir("d/").symlink("d/up", "..").symlink("l", "d/up/..").bytes(), "l");
        assertTrue(Files.isSymbolicLink(target.resolve("d/up")));
        assertFalse(Files.exists(target.resolve("l"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(target.resolve("evil"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesWritingThroughALinkAlreadyInTheTarget() throws IOException {
        Files.createSymbolicLink(target.resolve("out"), Path.of("../sibling"));
        refused(new TestTar().file("out/x", "x").bytes(), "out/x");
        refused(new TestTar().dir("out/sub/").bytes(), "out/sub/");
    }

    @Test
    void refusesALinkThatALaterLinkTurnsOutward() throws IOException {
        // "l -> y/.." is inside while y does not exist; "y -> d/up" then makes it climb above the target
        byte[] tar = new TestTar().dir("d/").symlink("d/up", "..").symlink("l", "y/..").symlink("y", "d/up").bytes();
        refused(tar, "l");
        assertFalse(Files.exists(target.resolve("l"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesLinksThatClimbBackOutOfAFolderEvenWhenThatStaysInside() throws IOException {
        refused(new TestTar().dir("a/").symlink("l", "a/../a").bytes(), "l");
        refused(new TestTar().dir("a/").symlink("l", "./a/./..").bytes(), "l");
        refused(new TestTar().file("f", "f").symlink("a/b/c/d", "../.././x/../f").bytes(), "a/b/c/d");
        // (a hard link to a link copies its text: the same rule holds at the new place)
        Files.createDirectories(target.resolve("a/b"));
        Files.createSymbolicLink(target.resolve("a/b/s"), Path.of("c/../.."));
        refused(new TestTar().hardLink("h", "a/b/s").bytes(), "h");

        byte[] fine = new TestTar().dir("a/b/").file("top.txt", "top").symlink("a/b/up", "../../top.txt")
                .symlink("a/here", "./b/./up").symlink("a/b/self", ".").bytes();
        TarArchives.extract(new ByteArrayInputStream(fine), target);
        assertEquals("top", Files.readString(target.resolve("a/here")));
        assertEquals("top", Files.readString(target.resolve("a/b/self/self/up")));
    }

    @Test
    void removesEveryLinkThatALaterEntryTurnsOutwardAndSaysSo() throws IOException {
        // the caller's p climbs through sub/q, which does not exist yet; "sub/q -> .." turns p outward, and l1 and
        // l2 with it, though both were inside when they were made
        Files.createSymbolicLink(target.resolve("p"), Path.of("sub/q/../.."));
        byte[] tar = new TestTar().symlink("l1", "p/x").symlink("l2", "p/y").symlink("ok", "sub")
                .symlink("sub/q", "..").file("after.txt", "after").bytes();
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> TarArchives.extract(new ByteArrayInputStream(tar), target));
        assertEquals("l1", e.entryName(), e.getMessage());
        assertEquals(List.of("after.txt", "ok", "p", "sub"), list(target));
        assertEquals(Path.of(".."), Files.readSymbolicLink(target.resolve("sub/q")));
        assertEquals(List.of(), list(sibling));
    }

    @Test
    void refusesHardLinksOutOrToNothing() throws IOException {
        refused(new TestTar().hardLink("hl", "/etc/passwd").bytes(), "hl");
        refused(new TestTar().hardLink("hl", "../sibling/x").bytes(), "hl");
        refused(new TestTar().hardLink("hl", "missing.txt").bytes(), "hl");
        byte[] ok = new TestTar().file("data.txt", "shared").hardLink("again.txt", "data.txt").bytes();
        TarArchives.extract(new ByteArrayInputStream(ok), target);
        assertEquals("shared", Files.readString(target.resolve("again.txt")));
    }

    @Test
    void refusesDevicesAndFifos() throws IOException {
        refused(new TestTar().special("dev/null", TarConstants.LF_CHR).bytes(), "dev/null");
        refused(new TestTar().special("dev/sda", TarConstants.LF_BLK).bytes(), "dev/sda");
        refused(new TestTar().special("pipe", TarConstants.LF_FIFO).bytes(), "pipe");
        assertEquals(List.of(), list(target));
    }

    @Test
    void sparseFilesKeepTheirPartsAndHoles() throws IOException {
        byte[] a = "first part".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[70_000]; // more than one read buffer
        Arrays.fill(b, (byte) 'b');
        byte[] c = "last".getBytes(StandardCharsets.US_ASCII);
        int size = 300_000; // a hole after the last part too, ended by an empty part as GNU tar does
        long[] offsets = {100, 5000, 80_000, 250_000, size};
        byte[][] parts = {a, b, new byte[0], c, new byte[0]};
        byte[] tar = new TestTar().file("before.txt", "before").sparse("s.bin", size, offsets, parts)
                .file("after.txt", "after").bytes();
        TarArchives.extract(new ByteArrayInputStream(tar), target);

        byte[] want = new byte[size];
        for (int i = 0; i < offsets.length; i++) {
            System.arraycopy(parts[i], 0, want, (int) offsets[i], parts[i].length);
        }
        assertArrayEquals(want, Files.readAllBytes(target.resolve("s.bin")));
        assertEquals("before", Files.readString(target.resolve("before.txt")));
        assertEquals("after", Files.readString(target.resolve("after.txt")));

        byte[] holesOnly = new TestTar().sparse("empty.img", 1 << 20, new long[] {1 << 20}, new byte[][] {{}})
                .bytes();
        TarArchives.extract(new ByteArrayInputStream(holesOnly), target);
        assertArrayEquals(new byte[1 << 20], Files.readAllBytes(target.resolve("empty.img")));
    }

    @Test
    void aSparseFileCutShortLeavesNothing() throws IOException {
        byte[] part = new byte[3000];
        Arrays.fill(part, (byte) 'x');
        byte[] whole = new TestTar().sparse("s.bin", 1 << 20, new long[] {0, 1 << 19}, new byte[][] {part, part})
                .bytes();
        byte[] cut = Arrays.copyOf(whole, 3 * 512 + 4000); // pax header, its data, the entry header, then 4000 bytes
        assertThrows(IOException.class, () -> TarArchives.extract(new ByteArrayInputStream(cut), target));
        assertEquals(List.of(), list(target));
    }

    @Test
    void refusesSparseFilesInStarsFormat() throws IOException {
        // star stores a map commons-compress does not read: the stored parts could not be put where they belong
        refused(new TestTar().pax("s", "SCHILY.filetype", "sparse", "SCHILY.realsize", "100000").file("s", "data")
                .bytes(), "s");
    }

    @Test
    void limitsRefuseTheEntryThatGoesOverBeforeWritingIt() throws IOException {
        ExtractOptions options = ExtractOptions.defaults().withMaxTotalBytes(10).withMaxEntries(4);
        assertEquals(new ExtractOptions(Long.MAX_VALUE, Long.MAX_VALUE, 0755), ExtractOptions.defaults());
        assertEquals("ExtractOptions[maxTotalBytes=10, maxEntries=4, modeMask=0755]", options.toString());
        assertEquals("ExtractOptions[maxTotalBytes=none, maxEntries=none, modeMask=07777]",
                ExtractOptions.defaults().preservingModes().toString());

        byte[] bytes = new TestTar().file("a", "123456").dir("d/").file("d/b", "7890").file("c", "x").bytes();
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> TarArchives.extract(new ByteArrayInputStream(bytes), target, options));
        assertEquals("c", e.entryName(), e.getMessage());
        assertEquals(List.of("a", "d"), list(target));

        byte[] sparse = new TestTar().sparse("big.img", 2_000_000_000, new long[] {0}, new byte[][] {{1}}).bytes();
        e = assertThrows(UnsafeArchiveException.class, () -> TarArchives.extract(new ByteArrayInputStream(sparse),
                target, ExtractOptions.defaults().withMaxTotalBytes(1L << 30)));
        assertEquals("big.img", e.entryName(), e.getMessage()); // counted at its full size, holes included
        assertFalse(Files.exists(target.resolve("big.img")));

        byte[] entries = new TestTar().dir("1/").dir("2/").dir("3/").dir("4/").dir("5/").bytes();
        e = assertThrows(UnsafeArchiveException.class,
                () -> TarArchives.extract(new ByteArrayInputStream(entries), target, options));
        assertEquals("5/", e.entryName(), e.getMessage());
        assertFalse(Files.exists(target.resolve("5")));

        byte[] fits = new TestTar().file("e", "1234567890").dir("f/").dir("g/").dir("h/").bytes();
        TarArchives.extract(new ByteArrayInputStream(fits), target, options);
        assertEquals("1234567890", Files.readString(target.resolve("e")));
        assertThrows(IllegalArgumentException.class, () -> ExtractOptions.defaults().withMaxEntries(-1));
    }

    @Test
    void modesAreKeptAsStoredOnlyWhenAskedFor() throws IOException {
        byte[] tar = new TestTar().file("open.sh", "x", 0777).file("suid", "x", 04755).dir("tmp/", 01777)
                .dir("ro/", 0555).file("ro/f", "x", 0444).bytes();
        Path kept = Files.createDirectory(work.resolve("kept"));
        Path owner = Files.createDirectory(work.resolve("owner"));
        try {
            TarArchives.extract(new ByteArrayInputStream(tar), kept, ExtractOptions.defaults().preservingModes());
            assertEquals(0777, mode(kept.resolve("open.sh")));
            assertEquals(04755, mode(kept.resolve("suid")));
            assertEquals(01777, mode(kept.resolve("tmp")));
            assertEquals(0555, mode(kept.resolve("ro")));

            TarArchives.extract(new ByteArrayInputStream(tar), owner, ExtractOptions.defaults().withModeMask(0700));
            assertEquals(0700, mode(owner.resolve("open.sh")));
            assertEquals(0700, mode(owner.resolve("suid")));
            assertEquals(0700, mode(owner.resolve("tmp")));
            assertEquals(0500, mode(owner.resolve("ro")));
            assertEquals(0400, mode(owner.resolve("ro/f")));
        } finally {
            for (Path ro : List.of(kept.resolve("ro"), owner.resolve("ro"))) {
                if (Files.isDirectory(ro)) {
                    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ExtractOptions.defaults().withModeMask(010000));
    }

    @Test
    void directoriesGetTheirMaskedModesAlsoWhenExtractionFails() throws IOException {
        byte[] tar = new TestTar().dir("d/", 0755).dir("d/e/", 0777).file("d/e/f", "f", 0644)
                .special("d/pipe", TarConstants.LF_FIFO).bytes();
        assertThrows(UnsafeArchiveException.class, () -> TarArchives.extract(new ByteArrayInputStream(tar), target,
                ExtractOptions.defaults().withModeMask(0700)));
        assertEquals(0700, mode(target.resolve("d")));
        assertEquals(0700, mode(target.resolve("d/e")));
        assertEquals(0600, mode(target.resolve("d/e/f")));
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}

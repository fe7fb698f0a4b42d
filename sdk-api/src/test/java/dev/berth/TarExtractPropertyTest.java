package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of {@link TarArchives#extract} on random archives that mix ordinary entries with hostile ones:
 * {@code ..} segments, absolute names, symbolic and hard links pointing out (also in chains, and hard links to
 * symbolic links), devices, FIFOs, names with odd characters, corrupt and cut archives. Whatever happens:
 * <ul>
 * <li>it succeeds or throws an {@link java.io.IOException} ({@link UnsafeArchiveException} included), nothing else;</li>
 * <li>nothing outside the target changes: canary trees at several levels above it keep their files, contents,
 * links, permissions and times, and the folders around it hold nothing new;</li>
 * <li>inside the target there are no devices or FIFOs, every symbolic link leads to a place inside it, and every
 * regular file holds exactly the content of an entry that explains it;</li>
 * <li>archives without links are replayed on a model: the files and folders on disk, and whether extraction fails,
 * are exactly the model's.</li>
 * </ul>
 *
 * <p>Fixed seeds; {@code -Dberth.fuzz.iterations=N} multiplies the case count for a longer run.
 */
class TarExtractPropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    /** In every name the generator makes, so a file that escaped is recognisable anywhere. */
    private static final String MARK = "bfz7";
    private static final String[] PIECES = {"a", "b", "c", "sub", "f.txt", MARK, "..", ".", "", " sp ace", "\u00fcn\u00ef",
        "back\\slash", "nl\nx", "tab\tx", "*", "?", "-x", "x".repeat(120), "\ud83d\udc33", "a:b"};
    private static final String[] COMMON = {"a", "b", "c", "sub", "f.txt", MARK};

    @TempDir
    Path temp;

    private Path levels;     // temp/l1/l2/l3/l4: the targets are made here, one per case
    private Path canaryFile; // temp/l1/l2/l3/l4/canary/secret.txt, next to the targets
    private Path rootReal;

    // ---- archive generation ------------------------------------------------------------------------------------

    record Spec(String name, byte type, String link, byte[] content, int mode) {
    }

    private String name(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        switch (r.nextInt(40)) {
            case 0:
                s.append("./");
                break;
            case 1:
                s.append('/');
                break;
            case 2:
                s.append(canaryFile.getParent()).append('/');
                break;
            case 3:
                s.append("../");
                break;
            case 4:
                s.append("a/../../");
                break;
            default:
                break;
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(r.nextInt(10) == 0 ? "//" : "/");
            }
            s.append(r.nextInt(4) == 0 ? PIECES[r.nextInt(PIECES.length)] : COMMON[r.nextInt(COMMON.length)]);
        }
        return s.toString();
    }

    private String linkTarget(SplittableRandom r, List<Spec> before) {
        switch (r.nextInt(12)) {
            case 0:
            case 1:
            case 2:
                return before.isEmpty() ? "a" : before.get(r.nextInt(before.size())).name();
            case 3:
                return "../".repeat(1 + r.nextInt(4)) + (r.nextBoolean() ? "canary" : "canary/secret.txt");
            case 4:
                return r.nextBoolean() ? canaryFile.toString() : canaryFile.getParent().toString();
            case 5:
                return r.nextBoolean() ? "/etc/passwd" : "/";
            case 6:
                return r.nextBoolean() ? "" : "a\u0000b";
            case 7: { // through an earlier link, then up
                String base = before.isEmpty() ? "a" : before.get(r.nextInt(before.size())).name();
                return base + "/" + "../".repeat(r.nextInt(4)) + (r.nextBoolean() ? "" : "canary");
            }
            default:
                return name(r);
        }
    }

    /** A random mix; with {@code links} false, no symbolic or hard links (the model can replay those). */
    private List<Spec> specs(SplittableRandom r, boolean links) {
        List<Spec> specs = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(100);
            String name = name(r);
            if (roll < 45 || !links && roll < 70) {
                byte[] tag = ("E" + specs.size() + ";").getBytes(StandardCharsets.US_ASCII); // the entry, in each file
                byte[] content = Arrays.copyOf(tag, tag.length + (r.nextInt(4) == 0 ? r.nextInt(70_000) : r.nextInt(300)));
                byte[] random = new byte[content.length - tag.length];
                r.nextBytes(random);
                System.arraycopy(random, 0, content, tag.length, random.length);
                specs.add(new Spec(name, TarConstants.LF_NORMAL, null, content, 0400 | r.nextInt(01000)));
            } else if (roll < 65 || !links && roll < 95) {
                specs.add(new Spec(r.nextBoolean() ? name + "/" : name, TarConstants.LF_DIR, null, new byte[0],
                        new int[] {0755, 0700, 0775, 0750}[r.nextInt(4)]));
            } else if (!links || roll >= 97) {
                byte[] types = {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO};
                specs.add(new Spec(name, types[r.nextInt(3)], null, new byte[0], 0666));
            } else if (roll < 80) {
                boolean hard = r.nextInt(3) == 0;
                specs.add(new Spec(name, hard ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK,
                        linkTarget(r, specs), new byte[0], 0777));
            } else {
                // a deep link that climbs exactly to the top (inside), and a hard link to it from elsewhere: the
                // copy keeps the link's text, which from its own folder may lead somewhere else
                int depth = 1 + r.nextInt(3);
                String dir = "d" + i + "/" + "e/".repeat(depth - 1);
                String up = "../".repeat(depth) + (r.nextBoolean() ? "" : COMMON[r.nextInt(COMMON.length)]);
                specs.add(new Spec(dir + "s", TarConstants.LF_SYMLINK, up, new byte[0], 0777));
                String at = r.nextBoolean() ? COMMON[r.nextInt(COMMON.length)] + i : "d" + i + "/h";
                specs.add(new Spec(at, TarConstants.LF_LINK, dir + "s", new byte[0], 0777));
                if (r.nextBoolean()) {
                    byte[] tag = ("E" + specs.size() + ";").getBytes(StandardCharsets.US_ASCII);
                    specs.add(new Spec(at + "/" + MARK, TarConstants.LF_NORMAL, null, tag, 0644)); // through it
                }
            }
        }
        return specs;
    }

    private static byte[] tar(List<Spec> specs, SplittableRandom r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setAddPaxHeadersForNonAsciiNames(r.nextBoolean());
        for (Spec s : specs) {
            TarArchiveEntry e = new TarArchiveEntry(s.name(), s.type(), true);
            if (s.link() != null) {
                e.setLinkName(s.link());
            }
            e.setMode(s.mode());
            boolean data = !e.isDirectory(); // a file entry named "x/" is a folder: no data
            e.setSize(data ? s.content().length : 0);
            out.putArchiveEntry(e);
            if (data) {
                out.write(s.content());
            }
            out.closeArchiveEntry();
        }
        out.finish();
        return bytes.toByteArray();
    }

    /** Archive damage: bytes flipped (headers mostly) or the end cut off. */
    private static byte[] damage(byte[] tar, SplittableRandom r) {
        byte[] out = tar.clone();
        if (r.nextBoolean()) {
            return Arrays.copyOf(out, r.nextInt(out.length + 1));
        }
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int at = r.nextBoolean() ? r.nextInt(Math.min(out.length, 512)) : r.nextInt(out.length);
            out[at] = (byte) r.nextInt(256);
        }
        return out;
    }

    // ---- what the extractor sees, and a model for archives without links -------------------------------------

    record Seen(String name, boolean dir, boolean symlink, boolean hardLink, boolean file, boolean device,
                String link, byte[] content) {
    }

    private static List<Seen> readBack(byte[] tar) {
        List<Seen> seen = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar),
                StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                boolean dir = e.isDirectory();
                boolean sym = !dir && e.isSymbolicLink();
                boolean hard = !dir && !sym && e.isLink();
                seen.add(new Seen(e.getName(), dir, sym, hard, e.isFile(),
                        e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO(), e.getLinkName(), in.readAllBytes()));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return seen;
    }

    /** The cleaned segments of an archive path, or null when the extractor must refuse it. */
    private static List<String> segments(String path) {
        if (path.indexOf('\0') >= 0 || path.startsWith("/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static final Object DIR = "<dir>";

    /** Replays link-free entries; returns the expected tree, and whether extraction must fail (in failed[0]). */
    private static Map<String, Object> model(List<Seen> seen, boolean[] failed) {
        Map<String, Object> tree = new TreeMap<>();
        for (Seen e : seen) {
            if (e.device()) {
                failed[0] = true;
                break;
            }
            List<String> segs = segments(e.name());
            if (segs == null || segs.isEmpty() && !e.dir()) {
                failed[0] = true;
                break;
            }
            if (segs.isEmpty() || !e.dir() && !e.file()) {
                continue;
            }
            boolean bad = false;
            for (int k = 1; k < segs.size() && !bad; k++) {
                String parent = String.join("/", segs.subList(0, k));
                Object o = tree.putIfAbsent(parent, DIR);
                bad = o != null && o != DIR;
            }
            String path = String.join("/", segs);
            Object existing = tree.get(path);
            if (bad || !e.dir() && existing == DIR && tree.keySet().stream().anyMatch(p -> p.startsWith(path + "/"))) {
                failed[0] = true; // a parent is a file, or a file would replace a folder that is not empty
                break;
            }
            tree.put(path, e.dir() ? DIR : e.content());
        }
        return tree;
    }

    // ---- the file system around the target ---------------------------------------------------------------------

    private void fixture() throws IOException {
        levels = Files.createDirectories(temp.resolve("l1/l2/l3/l4"));
        for (Path dir : new Path[] {levels.resolve("canary"), temp.resolve("l1/l2/canary"), temp.resolve("canary")}) {
            Files.createDirectories(dir.resolve("inner"));
            Files.writeString(dir.resolve("secret.txt"), "canary " + dir);
            Files.writeString(dir.resolve("inner/deep.txt"), "deep");
            Files.createSymbolicLink(dir.resolve("link"), Path.of("secret.txt"));
        }
        canaryFile = levels.resolve("canary/secret.txt");
    }

    /** Every path under temp but the target: its kind, content or link, permissions and mtime. */
    private Map<String, String> outside(Path target) throws IOException {
        Map<String, String> all = new TreeMap<>();
        Files.walkFileTree(temp, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(target)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                all.put(temp.relativize(dir).toString(), "dir " + describe(dir, attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String what = attrs.isSymbolicLink() ? "link " + Files.readSymbolicLink(file)
                        : attrs.isRegularFile() ? "file " + Arrays.hashCode(Files.readAllBytes(file)) : "other";
                all.put(temp.relativize(file).toString(), what + " " + describe(file, attrs));
                return FileVisitResult.CONTINUE;
            }
        });
        return all;
    }

    private static String describe(Path p, BasicFileAttributes attrs) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) + " "
                + attrs.lastModifiedTime().toMillis();
    }

    /** Names holding the mark in the folders above the temp folder (where an escape climbing far would land). */
    private List<String> marksAbove() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p = temp.toRealPath().getParent(); p != null; p = p.getParent()) {
            try (Stream<Path> list = Files.list(p)) {
                list.map(Path::toString).filter(s -> s.contains(MARK)).forEach(found::add);
            }
        }
        return found;
    }

    /** Where a symbolic link leads, following the links on disk as the kernel would; null when it loops. */
    private static Path follow(Path from, String target, int[] hops) throws IOException {
        Path current = target.startsWith("/") ? from.getRoot() : from;
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(segment);
            if (Files.isSymbolicLink(next)) {
                if (++hops[0] > 40) {
                    return null;
                }
                next = follow(current, Files.readSymbolicLink(next).toString(), hops);
                if (next == null) {
                    return null;
                }
            }
            current = next;
        }
        return current;
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() { // links are not followed: they are deleted as links
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- the property --------------------------------------------------------------------------------------

    @Test
    void hostileArchivesNeverReachOutsideTheTarget() {
        assertTimeoutPreemptively(Duration.ofSeconds(120L * FACTOR), () -> {
            fixture();
            List<String> marksBefore = marksAbove();
            SplittableRandom seeds = new SplittableRandom(0x7A4L);
            int cases = 1500 * FACTOR;
            int refused = 0;
            int modelled = 0;
            int filesChecked = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                Path target = Files.createDirectory(levels.resolve("target" + c));
                rootReal = target.toRealPath();
                Map<String, String> before = outside(target);
                boolean links = r.nextInt(4) != 0;
                List<Spec> specs = specs(r, links);
                byte[] tar = tar(specs, r);
                boolean damaged = r.nextInt(10) == 0;
                if (damaged) {
                    tar = damage(tar, r);
                }
                Throwable thrown = null;
                try {
                    TarArchives.extract(new ByteArrayInputStream(tar), target);
                } catch (IOException e) {
                    thrown = e;
                    refused++;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only IOException may escape, got " + e, e);
                }
                String where = "seed " + seed + " (" + (thrown == null ? "extracted" : thrown.toString()) + ")";

                assertEquals(before, outside(target), () -> where + ": something outside the target changed");
                try (Stream<Path> list = Files.list(temp)) {
                    assertEquals(List.of("canary", "l1"), list.map(p -> p.getFileName().toString()).sorted()
                            .collect(Collectors.toList()), where);
                }

                // inside: kinds, links, contents
                Map<String, Object> disk = new TreeMap<>();
                List<Path> symlinks = new ArrayList<>();
                Files.walkFileTree(target, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(target)) {
                            disk.put(target.relativize(dir).toString(), DIR);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        assertFalse(attrs.isOther(), () -> where + ": a device, FIFO or socket: " + file);
                        if (attrs.isSymbolicLink()) {
                            symlinks.add(file);
                        } else {
                            disk.put(target.relativize(file).toString(), Files.readAllBytes(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                for (Path link : symlinks) {
                    String to = Files.readSymbolicLink(link).toString();
                    Path end = follow(link.getParent(), to, new int[1]);
                    assertTrue(end == null || end.startsWith(rootReal), () -> where + ": the link "
                            + rootReal.relativize(link) + " -> " + to + " leads out of the target to " + end);
                }
                List<Seen> seen = damaged ? null : readBack(tar);
                for (Map.Entry<String, Object> f : disk.entrySet()) {
                    if (f.getValue() == DIR || damaged) { // (flipped data bytes are data no tar reader can tell)
                        continue;
                    }
                    filesChecked++;
                    byte[] got = (byte[]) f.getValue();
                    String text = new String(got, 0, Math.min(got.length, 12), StandardCharsets.ISO_8859_1);
                    assertTrue(text.matches("E\\d+;[\\s\\S]*"), () -> where + ": " + f.getKey() + " holds no entry");
                    int index = Integer.parseInt(text.substring(1, text.indexOf(';')));
                    Spec from = specs.get(index);
                    assertArrayEquals(from.content(), got, () -> where + ": " + f.getKey() + " is not all of entry "
                            + index);
                    if (seen != null) {
                        assertTrue(explained(f.getKey(), index, specs, seen), () -> where + ": " + f.getKey()
                                + " holds entry " + index + " (" + from.name() + "), which names another path");
                    }
                }

                // without links the outcome is exactly the model's
                if (!links && seen != null) {
                    modelled++;
                    boolean[] failed = new boolean[1];
                    Map<String, Object> want = model(seen, failed);
                    assertEquals(failed[0], thrown != null, () -> where + ": the model " + (failed[0] ? "fails" : "works")
                            + " for " + seen.stream().map(Seen::name).collect(Collectors.toList()));
                    assertEquals(render(want), render(disk), where);
                }
                deleteTree(target);
            }
            assertEquals(marksBefore, marksAbove(), "nothing with the mark appeared above the temp folder");
            assertTrue(refused > cases / 5 && refused < cases * 9 / 10, "refused " + refused + " of " + cases);
            assertTrue(modelled > cases / 10 && filesChecked > cases / 2, modelled + " modelled, " + filesChecked
                    + " files");
        });
    }

    /**
     * A file holding entry {@code index}'s content is explained when it sits at that entry's name or at a hard
     * link's; when the archive writes through links (an entry's name passes a link's name), anywhere.
     */
    private static boolean explained(String path, int index, List<Spec> specs, List<Seen> seen) {
        List<String> own = segments(seen.get(index).name());
        if (own != null && String.join("/", own).equals(path)) {
            return true;
        }
        List<String> symlinks = new ArrayList<>();
        for (Seen e : seen) {
            List<String> s = segments(e.name());
            if (s != null && e.hardLink() && String.join("/", s).equals(path)) {
                return true;
            }
            if (s != null && (e.symlink() || e.hardLink())) { // (a hard link to a symbolic link is one too)
                symlinks.add(String.join("/", s) + "/");
            }
        }
        for (Seen e : seen) {
            List<String> s = segments(e.name());
            if (s != null && (e.file() || e.hardLink()) && symlinks.stream().anyMatch(String.join("/", s)::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> render(Map<String, Object> tree) {
        Map<String, String> out = new TreeMap<>();
        tree.forEach((k, v) -> out.put(k, v == DIR ? "dir" : "file " + Arrays.hashCode((byte[]) v) + " "
                + ((byte[]) v).length));
        return out;
    }
}

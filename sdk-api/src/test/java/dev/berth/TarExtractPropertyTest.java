package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.UnsafeArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import java.util.Collections;
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
                } catch (IOException | UnsafeArchiveException e) {
                    thrown = e;
                    refused++;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only IOException or UnsafeArchiveException may escape, got " + e, e);
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
                            int mode = mode(file);
                            assertEquals(0, mode & 07022, () -> where + ": " + file + " has mode 0"
                                    + Integer.toOctalString(mode) + " (group- or world-writable, or special bits)");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                for (Path link : symlinks) {
                    String to = Files.readSymbolicLink(link).toString();
                    Path end = TestTar.follow(link.getParent(), to, new int[1]);
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

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** The last non-zero byte's end: cutting before it cuts the archive, not the padding after its end blocks. */
    private static int contentEnd(byte[] tar) {
        int end = tar.length;
        while (end > 0 && tar[end - 1] == 0) {
            end--;
        }
        return end;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, r.nextInt(i + 1));
        }
    }

    // ---- link chains in every order, aborted mid-archive -------------------------------------------------------

    private static Spec link(String name, String to) {
        return new Spec(name, TarConstants.LF_SYMLINK, to, new byte[0], 0777);
    }

    /** {@code ../} up to two levels more than {@code depth} (the link's folder's), or "." */
    private static String up(SplittableRandom r, int depth) {
        int n = r.nextInt(depth + 3);
        return n == 0 ? "." : "../".repeat(n);
    }

    private static String tail(SplittableRandom r) {
        return new String[] {"", "canary", "canary/secret.txt", "a"}[r.nextInt(4)];
    }

    /**
     * Symbolic links that each look harmless, or nearly, when they are made (what they pass through is missing, a
     * plain folder, or a link made later), and some of which lead out once all are there; now and then a file
     * written through one of them, as a later write would be. Names start with {@code g<id>}, in a folder 0 to 3
     * levels down.
     */
    private static List<Spec> gadget(SplittableRandom r, int id) {
        String base = new String[] {"", "x/", "x/y/", "x/y/z/"}[r.nextInt(4)];
        int depth = base.isEmpty() ? 0 : base.split("/").length;
        String g = "g" + id;
        List<Spec> out = new ArrayList<>();
        switch (r.nextInt(6)) {
            case 0: // the audit's: links through d, which is not there yet, then d itself climbs
                out.add(link(base + g + "d", up(r, depth)));
                for (int v = 0, n = 1 + r.nextInt(3); v < n; v++) {
                    out.add(link(base + g + "v" + v, g + "d/" + "../".repeat(1 + r.nextInt(3)) + tail(r)));
                }
                if (r.nextBoolean()) {
                    out.add(new Spec(base + g + "d/", TarConstants.LF_DIR, null, new byte[0], 0755)); // replaced later?
                }
                break;
            case 1: { // a chain: each link names the next, the last one climbs
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.add(link(base + g + "c" + i, g + "c" + (i + 1) + (i == 0 ? "/" + tail(r) : "")));
                }
                out.add(link(base + g + "c" + n, up(r, depth)));
                break;
            }
            case 2: // down through a link that climbs, then up again
                out.add(link(base + g + "s/t", up(r, depth + 1)));
                out.add(link(base + g + "q", g + "s/t"));
                out.add(link(base + g + "w", g + "q/" + "../".repeat(r.nextInt(3)) + tail(r)));
                break;
            case 3: // a deep link climbs to the top or above, and a link at the top goes down into it
                out.add(link(base + g + "a/b/u", up(r, depth + 2)));
                out.add(link(base + g + "w", g + "a/b/u/" + tail(r)));
                break;
            case 4: { // a deep link, copied by a hard link to a shallower place where its text climbs further
                int k = 1 + r.nextInt(3);
                String dir = base + g + "h/" + "i/".repeat(k - 1);
                out.add(link(dir + "s", "../".repeat(k) + tail(r)));
                out.add(new Spec(base + g + "copy", TarConstants.LF_LINK, dir + "s", new byte[0], 0777));
                break;
            }
            default: // dots and links to links to the same folder
                out.add(link(base + g + "e", r.nextBoolean() ? "./" + up(r, depth) : "."));
                out.add(link(base + g + "f", "./" + g + "e/" + g + "e/" + tail(r)));
                break;
        }
        for (int i = 0, n = out.size(); i < n; i++) {
            if (r.nextInt(3) == 0) {
                byte[] tag = (MARK + " through " + out.get(i).name()).getBytes(StandardCharsets.UTF_8);
                out.add(new Spec(out.get(i).name() + "/" + MARK + ".txt", TarConstants.LF_NORMAL, null, tag, 0644));
            }
        }
        return out;
    }

    /**
     * The caller's own link, in the target before the extraction: it climbs through {@code sub/q}, missing and so
     * harmless, until the archive adds "sub/q -> ..". The archive's {@code l} leads through it.
     */
    private Path callerLink(SplittableRandom r, Path target, List<Spec> specs) throws IOException {
        Files.createSymbolicLink(target.resolve("p"), Path.of("sub/q/" + "../".repeat(1 + r.nextInt(3))));
        specs.add(link("l", "p/" + tail(r)));
        specs.add(link("sub/q", ".."));
        if (r.nextBoolean()) {
            specs.add(new Spec("l/" + MARK + ".txt", TarConstants.LF_NORMAL, null, MARK.getBytes(), 0644));
        }
        return target.toRealPath().resolve("p");
    }

    @Test
    void linkChainsInEveryOrderLeaveNoLinkOutOnAnyOutcome() {
        assertTimeoutPreemptively(Duration.ofSeconds(120L * FACTOR), () -> {
            fixture();
            List<String> marksBefore = marksAbove();
            SplittableRandom seeds = new SplittableRandom(0xC4A1L);
            int cases = 800 * FACTOR;
            int extractedWithLinks = 0;
            int refused = 0;
            int aborted = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                Path target = Files.createDirectory(levels.resolve("chain" + c));
                rootReal = target.toRealPath();
                Map<String, String> before = outside(target);

                List<Spec> specs = new ArrayList<>();
                for (int g = 0, n = 1 + r.nextInt(3); g < n; g++) {
                    specs.addAll(gadget(r, g));
                }
                Path theirs = r.nextInt(4) == 0 ? callerLink(r, target, specs) : null;
                for (int i = r.nextInt(4); i > 0; i--) {
                    byte[] tag = ("E" + specs.size() + ";").getBytes(StandardCharsets.US_ASCII);
                    specs.add(r.nextBoolean() ? new Spec("n" + i + "/" + MARK, TarConstants.LF_NORMAL, null, tag, 0644)
                            : new Spec("n" + i + "/", TarConstants.LF_DIR, null, new byte[0], 0755));
                }
                shuffle(specs, r); // in every order
                int abort = r.nextInt(6); // 0: a FIFO somewhere in the middle, 1: cut anywhere
                if (abort == 0) {
                    specs.add(r.nextInt(specs.size() + 1), new Spec("pipe", TarConstants.LF_FIFO, null, new byte[0],
                            0666));
                }
                byte[] tar = tar(specs, r);
                if (abort == 1) {
                    tar = Arrays.copyOf(tar, r.nextInt(contentEnd(tar) + 1));
                }

                Throwable thrown = null;
                try {
                    TarArchives.extract(new ByteArrayInputStream(tar), target);
                } catch (IOException | UnsafeArchiveException e) {
                    thrown = e;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only IOException or UnsafeArchiveException may escape, got " + e, e);
                }
                String where = "seed " + seed + " (" + (thrown == null ? "extracted" : thrown.toString()) + ") "
                        + specs.stream().map(s -> s.name() + (s.link() == null ? "" : " -> " + s.link()))
                        .collect(Collectors.toList());

                assertEquals(before, outside(target), () -> where + ": something outside the target changed");
                try (Stream<Path> list = Files.list(temp)) {
                    assertEquals(List.of("canary", "l1"), list.map(p -> p.getFileName().toString()).sorted()
                            .collect(Collectors.toList()), where);
                }
                List<Path> links;
                try (Stream<Path> all = Files.walk(rootReal)) {
                    links = all.filter(Files::isSymbolicLink).filter(p -> !p.equals(theirs))
                            .collect(Collectors.toList());
                }
                for (Path link : links) {
                    // missing folders on the way are taken as plain folders: a later mkdir must not turn it outward
                    String to = Files.readSymbolicLink(link).toString();
                    Path end = TestTar.follow(link.getParent(), to, new int[1]);
                    assertTrue(end == null || end.startsWith(rootReal), () -> where + ": the link "
                            + rootReal.relativize(link) + " -> " + to + " leads out of the target to " + end);
                }
                if (thrown == null && !links.isEmpty()) {
                    extractedWithLinks++;
                }
                if (thrown instanceof UnsafeArchiveException e && !e.entryName().equals("pipe")) {
                    refused++;
                } else if (thrown != null) {
                    aborted++; // the FIFO, or the cut
                }
                deleteTree(target);
            }
            assertEquals(marksBefore, marksAbove(), "nothing with the mark appeared above the temp folder");
            String counts = extractedWithLinks + " extracted with links, " + refused + " refused, " + aborted
                    + " aborted of " + cases;
            assertTrue(extractedWithLinks > cases / 20 && refused > cases / 4 && aborted > cases / 10, counts);
        });
    }

    // ---- sparse and oversized archives -------------------------------------------------------------------------

    /**
     * One entry: {@code kind} 'f' a file (its content in {@code parts[0]}), 's' a sparse file ({@code parts} at
     * {@code offsets} of {@code size} bytes), 'd' a folder, 'h' a hard link to {@code link}.
     */
    record Item(String name, char kind, long size, long[] offsets, byte[][] parts, int mode, String link) {
    }

    private static final int[] FILE_MODES = {0644, 0600, 0755, 0777, 0666, 04755, 02755, 01644, 0640};
    private static final int[] DIR_MODES = {0755, 0700, 0777, 01777, 02775, 0750};

    private static List<Item> items(SplittableRandom r, boolean holes) {
        List<Item> items = new ArrayList<>();
        List<Item> files = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(10); i < n; i++) {
            String dir = r.nextInt(3) == 0 ? "d" + r.nextInt(3) + "/" : "";
            int mode = FILE_MODES[r.nextInt(FILE_MODES.length)];
            int roll = r.nextInt(10);
            Item item;
            if (roll < 3) {
                byte[] content = new byte[r.nextInt(3000)];
                r.nextBytes(content);
                item = new Item(dir + "f" + i, 'f', content.length, new long[] {0}, new byte[][] {content}, mode, null);
            } else if (roll < 7) {
                item = sparseItem(r, dir + "s" + i, mode, holes);
            } else if (roll < 9 || files.isEmpty()) {
                item = new Item("d" + r.nextInt(4) + "/", 'd', 0, null, null, DIR_MODES[r.nextInt(DIR_MODES.length)],
                        null);
            } else {
                item = new Item(dir + "h" + i, 'h', 0, null, null, 0644, files.get(r.nextInt(files.size())).name());
            }
            items.add(item);
            if (item.kind() == 'f' || item.kind() == 's') {
                files.add(item);
            }
        }
        return items;
    }

    /**
     * Up to four parts of up to 4000 random bytes, the rest holes; now and then over a GB in all, where the file
     * system keeps holes as holes.
     */
    private static Item sparseItem(SplittableRandom r, String name, int mode, boolean holes) {
        long size = holes && r.nextInt(4) == 0 ? 1_000_000_000L + r.nextLong(900_000_000L) : 1 + r.nextInt(300_000);
        long[] starts = r.longs(r.nextInt(5), 0, size).sorted().distinct().toArray();
        List<Long> offsets = new ArrayList<>();
        List<byte[]> parts = new ArrayList<>();
        for (int j = 0; j < starts.length; j++) {
            long room = (j + 1 < starts.length ? starts[j + 1] : size) - starts[j];
            byte[] part = new byte[(int) Math.min(room, 1 + r.nextInt(4000))];
            r.nextBytes(part);
            offsets.add(starts[j]);
            parts.add(part);
        }
        long end = offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1) + parts.get(parts.size() - 1).length;
        if (end < size) { // a hole at the end: GNU tar ends the map with an empty part there
            offsets.add(size);
            parts.add(new byte[0]);
        }
        return new Item(name, 's', size, offsets.stream().mapToLong(Long::longValue).toArray(),
                parts.toArray(new byte[0][]), mode, null);
    }

    private static byte[] tar(List<Item> items) throws IOException {
        TestTar tar = new TestTar();
        for (Item item : items) {
            switch (item.kind()) {
                case 'f' -> tar.file(item.name(), item.parts()[0], item.mode());
                case 's' -> tar.sparse(item.name(), item.size(), item.offsets(), item.parts(), item.mode());
                case 'd' -> tar.dir(item.name(), item.mode());
                default -> tar.hardLink(item.name(), item.link());
            }
        }
        return tar.bytes();
    }

    /** Whether {@code file} holds {@code item}'s content: every part in place, holes read as zeros. */
    private static void assertHolds(Item item, Path file, SplittableRandom r, String where) throws IOException {
        assertEquals(item.size(), Files.size(file), () -> where + ": size of " + file);
        if (item.size() <= 1 << 20) {
            byte[] want = new byte[(int) item.size()];
            for (int j = 0; j < item.parts().length; j++) {
                System.arraycopy(item.parts()[j], 0, want, (int) item.offsets()[j], item.parts()[j].length);
            }
            assertArrayEquals(want, Files.readAllBytes(file), () -> where + ": content of " + file);
            return;
        }
        try (FileChannel in = FileChannel.open(file)) {
            for (int j = 0; j < item.parts().length; j++) {
                ByteBuffer got = ByteBuffer.allocate(item.parts()[j].length);
                while (got.hasRemaining() && in.read(got, item.offsets()[j] + got.position()) > 0) {
                    // positional reads until full
                }
                assertArrayEquals(item.parts()[j], got.array(), where + ": part " + j + " of " + file);
            }
            for (int k = 0; k < 8; k++) {
                long at = r.nextLong(item.size());
                boolean inPart = false;
                for (int j = 0; j < item.parts().length; j++) {
                    inPart |= at >= item.offsets()[j] && at < item.offsets()[j] + item.parts()[j].length;
                }
                ByteBuffer one = ByteBuffer.allocate(1);
                in.read(one, at);
                if (!inPart) {
                    assertEquals(0, one.get(0), where + ": byte " + at + " of " + file + " is in a hole");
                }
            }
        }
    }

    @Test
    void sparseAndOversizedArchivesStayWithinTheirLimits() {
        assertTimeoutPreemptively(Duration.ofSeconds(120L * FACTOR), () -> {
            fixture();
            boolean holes = TestTar.holesWork(temp);
            SplittableRandom seeds = new SplittableRandom(0x5A2EL);
            int cases = 400 * FACTOR;
            int overLimit = 0;
            int huge = 0;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                Path target = Files.createDirectory(levels.resolve("sparse" + c));
                Map<String, String> before = outside(target);
                List<Item> items = items(r, holes);
                long total = items.stream().mapToLong(Item::size).sum();
                ExtractOptions options = ExtractOptions.defaults()
                        .withModeMask(new int[] {0755, 0700, 07777, 0750}[r.nextInt(4)]);
                if (r.nextInt(3) == 0) {
                    options = options.withMaxTotalBytes(r.nextLong(total + 1));
                }
                if (r.nextInt(3) == 0) {
                    options = options.withMaxEntries(r.nextInt(items.size() + 1));
                }
                byte[] tar = tar(items);
                boolean cut = r.nextInt(6) == 0;
                if (cut) {
                    tar = Arrays.copyOf(tar, r.nextInt(contentEnd(tar) + 1));
                }

                // the model: refused at the first entry over a limit, everything before it there
                int refusedAt = -1;
                long bytes = 0;
                for (int i = 0; i < items.size() && refusedAt < 0; i++) {
                    long size = items.get(i).size();
                    if (i + 1 > options.maxEntries() || size > options.maxTotalBytes() - bytes) {
                        refusedAt = i;
                    }
                    bytes += size;
                }

                Throwable thrown = null;
                try {
                    TarArchives.extract(new ByteArrayInputStream(tar), target, options);
                } catch (IOException | UnsafeArchiveException e) {
                    thrown = e;
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only IOException or UnsafeArchiveException may escape, got " + e, e);
                }
                Throwable failure = thrown;
                String where = "seed " + seed + " (" + (thrown == null ? "extracted" : thrown.toString()) + ", "
                        + options + (cut ? ", cut" : "") + ")";
                assertEquals(before, outside(target), () -> where + ": something outside the target changed");
                if (!cut) {
                    assertEquals(refusedAt >= 0, thrown != null, where);
                    if (refusedAt >= 0) {
                        overLimit++;
                        String name = items.get(refusedAt).name();
                        assertTrue(failure instanceof UnsafeArchiveException e && e.entryName().equals(name),
                                () -> where + ": refused for " + name);
                    }
                }

                // every file there holds all of an entry before the refused one; nothing else is there (a cut
                // archive has fewer, and its folder entries may not have come: those folders were made as parents)
                Map<String, Item> byName = new HashMap<>();
                for (Item item : items.subList(0, refusedAt < 0 ? items.size() : refusedAt)) {
                    byName.put(item.name().replaceAll("/$", ""), item); // a folder's last entry wins
                }
                long apparent = 0;
                int entriesThere = 0;
                List<Path> all;
                try (Stream<Path> walk = Files.walk(target)) {
                    all = walk.filter(p -> !p.equals(target)).collect(Collectors.toList());
                }
                for (Path p : all) {
                    String rel = target.relativize(p).toString();
                    Item item = byName.get(rel);
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        assertTrue(item == null || item.kind() == 'd', () -> where + ": " + rel + " is a folder");
                        int mode = mode(p);
                        int allowed = item == null ? 0 : item.mode() & options.modeMask();
                        assertEquals(0, mode & 07000 & ~allowed, () -> where + ": " + rel + " mode 0"
                                + Integer.toOctalString(mode));
                        if (item != null && !cut) {
                            entriesThere++;
                            assertEquals(allowed & 0777, mode & 0777, () -> where + ": " + rel + " mode 0"
                                    + Integer.toOctalString(mode));
                        }
                        continue;
                    }
                    assertTrue(item != null && item.kind() != 'd', () -> where + ": " + rel + " is no entry's");
                    entriesThere++;
                    Item content = item.kind() == 'h' ? byName.get(item.link()) : item;
                    assertHolds(content, p, r, where);
                    int mode = mode(p);
                    int want = content.mode() & options.modeMask();
                    assertTrue((mode & ~want) == 0 && (mode & 0777) == (want & 0777), () -> where + ": " + rel
                            + " mode 0" + Integer.toOctalString(mode) + ", not 0" + Integer.toOctalString(want));
                    if (item.kind() != 'h') {
                        apparent += item.size();
                    }
                    if (item.kind() == 's' && item.size() > 1 << 20) {
                        huge++;
                        long parts = Arrays.stream(item.parts()).mapToLong(b -> b.length + 8192L).sum();
                        long allocated = TestTar.allocatedBytes(p);
                        assertTrue(!holes || allocated <= parts + (64 << 10), () -> where + ": " + rel + " of "
                                + item.size() + " bytes takes " + allocated + " on disk");
                    }
                }
                if (!cut && refusedAt < 0) {
                    for (Item item : items) {
                        assertTrue(Files.exists(target.resolve(item.name()), LinkOption.NOFOLLOW_LINKS),
                                () -> where + ": " + item.name() + " is missing");
                    }
                }
                long apparentBytes = apparent;
                assertTrue(apparentBytes <= options.maxTotalBytes(), () -> where + ": " + apparentBytes + " bytes");
                int entryCount = entriesThere;
                assertTrue(entryCount <= options.maxEntries(), () -> where + ": " + entryCount + " entries");
                deleteTree(target);
            }
            assertTrue(overLimit > cases / 10 && (huge > cases / 10 || !holes), overLimit + " over a limit, " + huge
                    + " huge sparse files of " + cases);
        });
    }
}

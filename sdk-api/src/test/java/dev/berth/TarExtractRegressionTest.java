package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.errors.UnsafeArchiveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per finding of the tar extraction audit (1: escaping link chains left behind, 3: sparse entries written as
 * allocated zeros, 6: world-writable and sticky modes kept), written against the API as it was then, so each one
 * could be seen failing on the code before the fix.
 */
class TarExtractRegressionTest {
    @TempDir
    Path tmp;
    private Path target;

    @BeforeEach
    void dirs() throws IOException {
        // two folders between the temp folder and the target: a link climbing out lands in the temp folder, still ours
        target = Files.createDirectories(tmp.resolve("a/b/target"));
    }

    private void extract(byte[] tar) throws IOException {
        TarArchives.extract(new ByteArrayInputStream(tar), target);
    }

    private List<String> everythingOutside() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.startsWith(target) && !target.startsWith(p)).map(tmp::relativize)
                    .map(Path::toString).sorted().collect(Collectors.toList());
        }
    }

    // ---- finding 1: escaping links ------------------------------------------------------------------------------

    @Test
    void linksThroughAFolderThatALaterLinkReplacesAreAllGoneAfterARefusal() throws IOException {
        // each link passes while d does not exist; once "x/d -> .." is there, both climb two levels above x
        byte[] tar = new TestTar().dir("x/").symlink("x/A", "d/../..").symlink("x/B", "d/../..")
                .symlink("x/d", "..").bytes();
        assertThrows(UnsafeArchiveException.class, () -> extract(tar));
        assertEquals(List.of(), TestTar.linksLeadingOut(target));
        assertEquals(List.of(), everythingOutside());
    }

    @Test
    void escapingLinksAreGoneWhenADeviceEntryAbortsTheArchive() throws IOException {
        byte[] tar = new TestTar().dir("x/").symlink("x/A", "d/../..").symlink("x/d", "..")
                .special("x/pipe", TarConstants.LF_FIFO).bytes();
        assertAborts(() -> extract(tar));
        assertEquals(List.of(), TestTar.linksLeadingOut(target));
    }

    @Test
    void escapingLinksAreGoneWhenTheArchiveIsCut() throws IOException {
        byte[] whole = new TestTar().dir("x/").symlink("x/A", "d/../..").symlink("x/d", "..")
                .file("x/big.txt", "y".repeat(5000)).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 4096); // in the middle of big.txt's data
        assertAborts(() -> extract(cut));
        assertEquals(List.of(), TestTar.linksLeadingOut(target));
        assertFalse(Files.exists(target.resolve("x/big.txt"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkThatALaterEntryTurnsOutwardThroughALinkAlreadyThereIsGoneAfterAnAbort() throws IOException {
        // the caller's own link climbs through sub/q, which does not exist yet: harmless until the archive adds
        // "sub/q -> ..", which turns p, and the archive's l and m through it, outward
        Files.createSymbolicLink(target.resolve("p"), Path.of("sub/q/../.."));
        byte[] tar = new TestTar().symlink("l", "p/x").symlink("m", "p/y").symlink("sub/q", "..")
                .special("pipe", TarConstants.LF_FIFO).bytes();
        assertAborts(() -> extract(tar));
        assertFalse(Files.exists(target.resolve("l"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(target.resolve("m"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, TestTar.linksLeadingOut(target).size(), "only the caller's own p");
    }

    // ---- finding 3: sparse entries --------------------------------------------------------------------------------

    @Test
    void sparseEntriesAreWrittenAsHoles() throws IOException {
        assumeTrue(TestTar.holesWork(tmp), "the temp folder's file system has no holes");
        long size = 64L << 20;
        byte[] head = "head".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "tail".getBytes(StandardCharsets.US_ASCII);
        byte[] tar = new TestTar().sparse("disk.img", size, new long[] {0, size - 4}, new byte[][] {head, tail})
                .bytes();
        assertTrue(tar.length < 10_000, "a small archive: " + tar.length);

        extract(tar);
        Path file = target.resolve("disk.img");
        assertEquals(size, Files.size(file));
        try (FileChannel in = FileChannel.open(file)) {
            assertArrayEquals(head, read(in, 0, 4));
            assertArrayEquals(new byte[4096], read(in, 4096, 4096));
            assertArrayEquals(new byte[4], read(in, size / 2, 4));
            assertArrayEquals(tail, read(in, size - 4, 4));
        }
        long allocated = TestTar.allocatedBytes(file);
        assertTrue(allocated < 1 << 20, "64 MiB of zeros were written as data: " + allocated + " bytes allocated");
    }

    private static byte[] read(FileChannel in, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && in.read(b, at + b.position()) > 0) {
            // positional reads until full
        }
        return b.array();
    }

    // ---- finding 6: modes ----------------------------------------------------------------------------------------

    @Test
    void modesAreMaskedLikeAUmaskOf022WithoutSpecialBits() throws IOException {
        byte[] tar = new TestTar().file("open.sh", "#!/bin/sh\n", 0777).file("shared.txt", "x", 0666)
                .file("suid", "x", 04755).file("sgid", "x", 02755).dir("tmp/", 01777).dir("group/", 02775)
                .file("private.txt", "x", 0600).bytes();
        extract(tar);
        assertEquals(0755, mode("open.sh"));
        assertEquals(0644, mode("shared.txt"));
        assertEquals(0755, mode("suid"));
        assertEquals(0755, mode("sgid"));
        assertEquals(0755, mode("tmp"));
        assertEquals(0755, mode("group"));
        assertEquals(0600, mode("private.txt"));
    }

    private int mode(String name) throws IOException {
        return (Integer) Files.getAttribute(target.resolve(name), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** An abort is an I/O error (a cut stream) or a refusal, whichever the extraction meets first. */
    private static void assertAborts(org.junit.jupiter.api.function.Executable extraction) {
        Throwable t = assertThrows(Throwable.class, extraction);
        assertTrue(t instanceof IOException || t instanceof UnsafeArchiveException, "aborted with " + t);
    }
}

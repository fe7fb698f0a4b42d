package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * One test per finding of the tar extraction audit (1: escaping link chains left behind), written against the API as
 * it was then, so each one could be seen failing on the code before the fix.
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
        assertThrows(IOException.class, () -> extract(tar));
        assertEquals(List.of(), TestTar.linksLeadingOut(target));
    }

    @Test
    void escapingLinksAreGoneWhenTheArchiveIsCut() throws IOException {
        byte[] whole = new TestTar().dir("x/").symlink("x/A", "d/../..").symlink("x/d", "..")
                .file("x/big.txt", "y".repeat(5000)).bytes();
        byte[] cut = Arrays.copyOf(whole, whole.length - 4096); // in the middle of big.txt's data
        assertThrows(IOException.class, () -> extract(cut));
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
        assertThrows(IOException.class, () -> extract(tar));
        assertFalse(Files.exists(target.resolve("l"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(target.resolve("m"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, TestTar.linksLeadingOut(target).size(), "only the caller's own p");
    }
}

package dev.berth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds archives for extraction tests, hostile ones included: names, link texts and modes are kept as given. */
final class TestTar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

    TestTar() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    private TestTar add(String name, byte type, String link, byte[] data, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        if (link != null) {
            e.setLinkName(link);
        }
        if (type == TarConstants.LF_NORMAL) {
            e.setSize(data.length);
        }
        e.setMode(mode);
        out.putArchiveEntry(e);
        out.write(type == TarConstants.LF_NORMAL ? data : new byte[0]);
        out.closeArchiveEntry();
        return this;
    }

    TestTar file(String name, String content) throws IOException {
        return file(name, content, 0644);
    }

    TestTar file(String name, String content, int mode) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    TestTar file(String name, byte[] content, int mode) throws IOException {
        return add(name, TarConstants.LF_NORMAL, null, content, mode);
    }

    TestTar dir(String name) throws IOException {
        return dir(name, 0755);
    }

    TestTar dir(String name, int mode) throws IOException {
        return add(name, TarConstants.LF_DIR, null, new byte[0], mode);
    }

    TestTar symlink(String name, String to) throws IOException {
        return add(name, TarConstants.LF_SYMLINK, to, new byte[0], 0777);
    }

    TestTar hardLink(String name, String to) throws IOException {
        return add(name, TarConstants.LF_LINK, to, new byte[0], 0644);
    }

    TestTar special(String name, byte type) throws IOException {
        return add(name, type, null, new byte[0], 0666);
    }

    /**
     * A GNU sparse file in the PAX 1.0 form GNU tar writes ({@code tar --sparse --format=pax}): {@code chunks[i]} is
     * stored at offset {@code offsets[i]} of a file of {@code realSize} bytes, everything else is a hole. The map goes
     * in front of the data, as decimal lines padded to a block.
     */
    TestTar sparse(String name, long realSize, long[] offsets, byte[][] chunks) throws IOException {
        return sparse(name, realSize, offsets, chunks, 0644);
    }

    TestTar sparse(String name, long realSize, long[] offsets, byte[][] chunks, int mode) throws IOException {
        StringBuilder map = new StringBuilder().append(offsets.length).append('\n');
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < offsets.length; i++) {
            map.append(offsets[i]).append('\n').append(chunks[i].length).append('\n');
            data.write(chunks[i]);
        }
        byte[] mapBytes = map.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] stored = Arrays.copyOf(mapBytes, (mapBytes.length + 511) / 512 * 512 + data.size());
        System.arraycopy(data.toByteArray(), 0, stored, stored.length - data.size(), data.size());

        pax(name, "GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", name,
                "GNU.sparse.realsize", Long.toString(realSize));
        return add("GNUSparseFile.0/" + name, TarConstants.LF_NORMAL, null, stored, mode);
    }

    /**
     * A PAX extended header for the next entry, {@code keyValues} in pairs. Written by hand: commons-compress keeps
     * some keys (GNU.sparse.*, SCHILY.*) for itself instead of writing them out.
     */
    TestTar pax(String name, String... keyValues) throws IOException {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            records.append(paxRecord(keyValues[i], keyValues[i + 1]));
        }
        byte[] pax = records.toString().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + name, TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                true);
        header.setSize(pax.length);
        out.putArchiveEntry(header);
        out.write(pax);
        out.closeArchiveEntry();
        return this;
    }

    /** {@code "<length> key=value\n"}, the length counting its own digits. */
    private static String paxRecord(String key, String value) {
        int rest = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = rest + Integer.toString(rest).length();
        if (Integer.toString(length).length() > Integer.toString(rest).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    byte[] bytes() throws IOException {
        out.finish();
        return bytes.toByteArray();
    }

    // ---- checks on what an extraction left ---------------------------------------------------------------------

    /**
     * The symbolic links under {@code root} that lead out of it, each as {@code "link -> text -> where"}: followed as
     * the kernel would, and also with the missing folders on the way taken as plain folders, since a later
     * {@code mkdir} would make them so. A link that loops leads nowhere.
     */
    static List<String> linksLeadingOut(Path root) throws IOException {
        Path real = root.toRealPath();
        List<String> out = new ArrayList<>();
        List<Path> links;
        try (Stream<Path> all = Files.walk(real)) {
            links = all.filter(Files::isSymbolicLink).collect(Collectors.toList());
        }
        for (Path link : links) {
            String text = Files.readSymbolicLink(link).toString();
            Path end = follow(link.getParent(), text, new int[1]);
            if (end != null && !end.startsWith(real)) {
                out.add(real.relativize(link) + " -> " + text + " -> " + end);
            }
        }
        return out;
    }

    /** What {@code stat} says the file holds on disk, in bytes. */
    static long allocatedBytes(Path file) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = stat.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (stat.waitFor() != 0) {
                throw new IOException("stat " + file + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stat " + file);
        }
        String[] blocks = out.split(" ");
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }

    /** Whether a file in {@code dir} with one byte written 64 MiB in holds much less than that on disk. */
    static boolean holesWork(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "holes", ".probe");
        try (FileChannel out = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[] {1}), 64L << 20);
        }
        try {
            return allocatedBytes(probe) < 1 << 20;
        } finally {
            Files.delete(probe);
        }
    }

    /** Where a link text leads from {@code from}, following the links on disk; null when it loops. */
    static Path follow(Path from, String text, int[] hops) throws IOException {
        Path current = text.startsWith("/") ? from.getRoot() : from;
        for (String segment : text.split("/")) {
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
}

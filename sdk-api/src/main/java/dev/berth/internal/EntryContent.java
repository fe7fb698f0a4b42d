package dev.berth.internal;

import dev.berth.ExtractOptions;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

/**
 * A regular file entry's content, written into a new file.
 * <p>
 * A sparse entry ({@code tar --sparse}: GNU's old format and PAX 0.0, 0.1 and 1.0; {@code docker cp} of a sparse
 * file gives one too) stores only the parts of the file that hold data, and a map of where they go. The archive
 * reader hands the holes out as zeros; written as they come, a few KiB of archive become gigabytes of allocated
 * zeros. So the holes are skipped in the reader (which skips them without making the zeros) and left as holes in the
 * file: each stored part is written at its offset, and the file gets its full size at the end. On a file system
 * without holes the zeros are allocated anyway, which is why {@link ExtractOptions#maxTotalBytes} counts holes.
 */
public final class EntryContent {
    private static final int BUFFER_SIZE = 64 * 1024;

    private EntryContent() {
    }

    /** The size of the entry's file once written, holes included. */
    static long size(TarArchiveEntry entry) {
        return entry.isSparse() ? entry.getRealSize() : entry.getSize();
    }

    /** Writes the entry's content, read from {@code in}, into the empty file {@code out}. */
    static void write(TarArchiveEntry entry, InputStream in, FileChannel out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        if (!entry.isSparse()) {
            copy(in, out, Long.MAX_VALUE, buffer); // the reader ends the stream at the entry's end
            return;
        }
        long position = 0;
        for (TarArchiveStructSparse part : entry.getOrderedSparseHeaders()) { // sorted, checked not to overlap
            skip(in, part.getOffset() - position, entry);
            out.position(part.getOffset());
            if (copy(in, out, part.getNumbytes(), buffer) < part.getNumbytes()) {
                throw new EOFException("the archive ends inside " + entry.getName());
            }
            position = part.getOffset() + part.getNumbytes();
        }
        long size = entry.getRealSize();
        if (out.size() < size) {
            out.write(ByteBuffer.allocate(1), size - 1); // a hole at the end: the last byte gives the file its size
        }
    }

    /** Copies up to {@code length} bytes, fewer when the entry ends first; returns how many. */
    private static long copy(InputStream in, FileChannel out, long length, byte[] buffer) throws IOException {
        long copied = 0;
        while (copied < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
            if (n < 0) {
                break;
            }
            ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
            while (data.hasRemaining()) {
                out.write(data);
            }
            copied += n;
        }
        return copied;
    }

    private static void skip(InputStream in, long length, TarArchiveEntry entry) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) { // InputStream.skip may skip nothing before the end: one read tells
                if (in.read() < 0) {
                    throw new EOFException("the archive ends inside " + entry.getName());
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}

package dev.berth.transport.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body of unknown length in HTTP/1.1 chunks. Writes are gathered into chunks of up to 32 KiB, so a writer
 * that writes a tar header at a time still sends few chunks; {@link #close()} sends the last chunk and leaves the
 * connection open.
 */
final class ChunkedOutput extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private final OutputStream out;
    private final byte[] chunk = new byte[32 * 1024];
    private int size;
    private boolean closed;

    ChunkedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == chunk.length) {
            sendChunk();
        }
        chunk[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the request body was already ended");
        }
        while (len > 0) {
            if (size == 0 && len >= chunk.length) {
                writeChunk(b, off, len); // a large write goes out as one chunk, uncopied
                return;
            }
            int n = Math.min(len, chunk.length - size);
            System.arraycopy(b, off, chunk, size, n);
            size += n;
            off += n;
            len -= n;
            if (size == chunk.length) {
                sendChunk();
            }
        }
    }

    /** Sends what is gathered so far and flushes the connection. */
    @Override
    public void flush() throws IOException {
        sendChunk();
        out.flush();
    }

    private void sendChunk() throws IOException {
        if (size > 0) {
            writeChunk(chunk, 0, size);
            size = 0;
        }
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
        out.write(Integer.toHexString(len).getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
        out.write(b, off, len);
        out.write(CRLF);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        sendChunk();
        out.write(LAST);
        out.flush();
        closed = true;
    }
}

package dev.berth.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * A {@link Socket} over a child process: what it reads is the process's stdout, what it writes goes to its stdin.
 * {@code connect} starts the process ({@code ssh ... docker system dial-stdio}); OkHttp then speaks HTTP/1.1 over
 * the pipes and pools the socket like a TCP connection, so one process serves many calls.
 *
 * <ul>
 *   <li>{@link #shutdownOutput()} closes the process's stdin: EOF for it, while its output can still be read.</li>
 *   <li>{@link #close()} from any thread ends the process and its descendants, which ends a blocked read.</li>
 *   <li>No thread is started: stderr goes to a file (unlinked at once where the system allows it) whose last lines
 *       go into the {@link ConnectException} raised when the process ends before it answered anything.</li>
 *   <li>A read waits by polling {@link InputStream#available()} (every millisecond at first, then less often, at
 *       most every {@value #MAX_IDLE_POLL_MILLIS} ms), since a pipe can neither be selected on nor left by an
 *       interrupt: so a read timeout ({@code setSoTimeout}, which OkHttp's health check of a pooled connection uses
 *       with 1 ms) is kept, and an interrupt ends the wait. It then closes the socket (ending the process), flag
 *       left set, and throws {@link InterruptedIOException}.</li>
 *   <li>{@link ReentrantLock}s, not {@code synchronized}, guard connect, close and writes: a virtual thread blocked
 *       on a full pipe does not pin its carrier.</li>
 * </ul>
 */
public final class ProcessSocket extends LocalSocket {
    /** How many bytes of the process's stderr an error message shows at most. */
    static final int STDERR_TAIL = 2048;
    /** How many of its last stderr lines an error message shows at most. */
    static final int STDERR_LINES = 20;
    private static final int MAX_POLL_MILLIS = 20;
    /** How long a read with no timeout sleeps at most between two looks: what an interrupt may wait. */
    static final int MAX_IDLE_POLL_MILLIS = 50;
    private static final long EXIT_WAIT_MILLIS = 2000;

    private final String description;
    private final List<String> command;
    private volatile Process process;
    private InputStream stdout;
    private OutputStream stdin;
    private Path stderrFile;
    private FileChannel stderr;
    private volatile boolean answered;
    private final ReentrantLock stateLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    final InputStream in = new ProcessInput();
    final OutputStream out = new ProcessOutput();

    /**
     * @param description what messages call the connection, such as {@code ssh://me@host}
     * @param command the program and its arguments, run directly (no shell)
     */
    ProcessSocket(String description, List<String> command) {
        this.description = description;
        this.command = List.copyOf(command);
    }

    /** Starts the process. Whether it reaches anything shows on the first read. */
    @Override
    public void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
        stateLock.lock();
        try {
            start();
        } finally {
            stateLock.unlock();
        }
    }

    private void start() throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (process != null) {
            throw new SocketException("already connected");
        }
        Path errFile = Files.createTempFile("berth-ssh-", ".stderr");
        FileChannel errChannel = null;
        try {
            errChannel = FileChannel.open(errFile, StandardOpenOption.READ);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.appendTo(errFile.toFile()));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                ConnectException c = new ConnectException("cannot start " + command.get(0) + " for " + description
                        + ": " + e.getMessage());
                c.initCause(e);
                throw c;
            }
            stderr = errChannel;
            stdout = p.getInputStream();
            stdin = p.getOutputStream();
            try {
                // Both the process and we hold the file open: unlinked now, it leaves nothing behind.
                Files.delete(errFile);
                stderrFile = null;
            } catch (IOException | UnsupportedOperationException e) {
                stderrFile = errFile; // Windows: deleted on close
            }
            process = p;
        } catch (IOException | RuntimeException e) {
            if (errChannel != null && process == null) {
                errChannel.close();
            }
            Files.deleteIfExists(errFile);
            throw e;
        }
    }

    /** The running process, or null before {@code connect}; for tests. */
    Process process() {
        return process;
    }

    @Override
    public void shutdownInput() throws IOException {
        requireOpen();
        inputShutdown = true;
    }

    /** Closes the process's stdin: it reads EOF ({@code dial-stdio} then half-closes toward the daemon). */
    @Override
    public void shutdownOutput() throws IOException {
        requireOpen();
        lockWrites();
        try {
            if (outputShutdown) {
                return;
            }
            outputShutdown = true;
            try {
                stdin.close(); // flushes first
            } catch (IOException e) {
                throw writeFailure(e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void lockWrites() throws InterruptedIOException {
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted("waiting to write to");
        }
    }

    /** The thread was interrupted: the socket is closed (the process ended), the flag set again, and it says so. */
    private InterruptedIOException interrupted(String doing) {
        Thread.currentThread().interrupt();
        close();
        return new InterruptedIOException("interrupted while " + doing + " " + description);
    }

    /** Ends the process and its descendants; a read blocked in another thread then ends. */
    @Override
    public void close() {
        stateLock.lock();
        try {
            end();
        } finally {
            stateLock.unlock();
        }
    }

    private void end() {
        if (closed) {
            return;
        }
        closed = true;
        Process p = process;
        if (p != null) {
            // Collected before the parent goes: afterwards they are reparented and no longer found.
            List<ProcessHandle> children = p.descendants().collect(Collectors.toList());
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            closeQuietly(stdin);
            closeQuietly(stdout);
            closeQuietly(stderr);
        }
        if (stderrFile != null) {
            try {
                Files.deleteIfExists(stderrFile);
            } catch (IOException e) {
                stderrFile.toFile().deleteOnExit();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // the process is gone or going: nothing more to release
        }
    }

    @Override
    boolean isOpened() {
        return process != null;
    }

    @Override
    InputStream input() {
        return in;
    }

    @Override
    OutputStream output() {
        return out;
    }

    @Override
    public String toString() {
        Process p = process;
        return "ProcessSocket[" + description + (p != null ? ", pid " + p.pid() : "") + (closed ? ", closed" : "")
                + "]";
    }

    /**
     * Waits until a read will not block, the process has ended, or the timeout (0: none) passes; an interrupt ends
     * the wait.
     */
    private void awaitReadable(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int maxPause = timeoutMillis > 0 ? MAX_POLL_MILLIS : MAX_IDLE_POLL_MILLIS;
        long pause = 1;
        while (stdout.available() == 0 && process.isAlive()) {
            long sleep = Math.min(pause, maxPause);
            if (timeoutMillis > 0) {
                long left = (deadline - System.nanoTime() + 999_999L) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("read timed out after " + timeoutMillis + " ms on "
                            + description);
                }
                sleep = Math.min(sleep, left);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                throw interrupted("reading from");
            }
            if (closed) {
                throw new SocketException("Socket closed");
            }
            pause = Math.min(pause * 2, maxPause);
        }
    }

    /**
     * The process ended, or closed its output, before anything came back: it never reached the daemon. The
     * exception carries its exit code and the end of its stderr (ssh's "Permission denied", "Connection refused").
     */
    private ConnectException notAnswered(IOException cause) {
        Process p = process;
        Integer exit = null;
        try {
            if (p.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String err = stderrTail();
        StringBuilder m = new StringBuilder(command.get(0));
        m.append(exit != null ? " exited with code " + exit : " closed its output")
                .append(" before the daemon answered");
        m.append(err.isEmpty() ? " (it wrote nothing to stderr)" : ": " + err);
        ConnectException e = new ConnectException(m.toString());
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The last lines (at most {@link #STDERR_LINES}) the process wrote to stderr, joined with "; ", or empty. */
    String stderrTail() {
        FileChannel ch = stderr;
        if (ch == null) {
            return "";
        }
        try {
            long size = ch.size();
            long from = Math.max(0, size - STDERR_TAIL);
            ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // keep reading
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            return String.join("; ", lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private IOException readFailure(IOException e) {
        if (closed) {
            SocketException s = new SocketException("Socket closed");
            s.initCause(e);
            return s;
        }
        return answered ? e : notAnswered(e);
    }

    private IOException writeFailure(IOException e) {
        if (closed) {
            SocketException s = new SocketException("Socket closed");
            s.initCause(e);
            return s;
        }
        // A broken pipe before any answer: the process has died; say why.
        return answered ? e : notAnswered(e);
    }

    private final class ProcessInput extends BlockInputStream {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (inputShutdown) {
                return -1;
            }
            requireOpen();
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted("reading from");
            }
            int n;
            try {
                awaitReadable(soTimeoutMillis);
                n = stdout.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e; // a read timeout (the process may still answer), or an interrupt (the socket is closed)
            } catch (IOException e) {
                throw readFailure(e);
            }
            if (n < 0) {
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                if (!answered) {
                    throw notAnswered(null);
                }
                return -1;
            }
            answered = true;
            return n;
        }

        @Override
        public int available() throws IOException {
            return closed || inputShutdown ? 0 : stdout.available();
        }

        @Override
        public void close() {
            ProcessSocket.this.close();
        }
    }

    private final class ProcessOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            lockWrites();
            try {
                if (outputShutdown) {
                    throw new SocketException("Socket output is shut down");
                }
                requireOpen();
                try {
                    stdin.write(b, off, len);
                } catch (IOException e) {
                    throw writeFailure(e);
                }
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lockWrites();
            try {
                if (outputShutdown || closed) {
                    return;
                }
                try {
                    stdin.flush();
                } catch (IOException e) {
                    throw writeFailure(e);
                }
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void close() {
            ProcessSocket.this.close();
        }
    }
}

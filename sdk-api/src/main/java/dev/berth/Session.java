package dev.berth;

import dev.berth.internal.Demultiplexer;
import dev.berth.transport.HijackedConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * An interactive process: {@code docker exec -it} or {@code docker attach}. Write to {@link #stdin()} and close it
 * to send EOF (the socket is half-closed, so the process sees the end of its input while its output can still be
 * read). Read {@link #stdout()} and {@link #stderr()} (with a TTY everything is on stdout), or {@link #output()}
 * for both in arrival order. {@link #close()} from any thread ends the session at once.
 *
 * <pre>{@code
 * try (Session sh = docker.containers().execInteractive(id, ExecOptions.of("sh"))) {
 *     sh.stdin().write("echo hi\n".getBytes());
 *     sh.stdin().close();
 *     System.out.print(new String(sh.stdout().readAllBytes()));   // hi
 *     sh.exitCode();                                               // 0
 * }
 * }</pre>
 *
 * <p>No thread is started: the caller's thread reads. Frames of one stream that arrive while the other is read are
 * kept in memory until read.
 */
public final class Session implements AutoCloseable {
    private final HijackedConnection connection;
    private final Demultiplexer demux;
    private final boolean tty;
    private final Resizer resizer;
    private final LongSupplier exitCode;

    /** Sends a terminal size to the daemon. */
    @FunctionalInterface
    interface Resizer {
        void resize(int rows, int columns);
    }

    Session(HijackedConnection connection, boolean tty, Resizer resizer, LongSupplier exitCode) {
        this.connection = connection;
        this.tty = tty;
        this.demux = new Demultiplexer(Demultiplexer.frames(connection.output(), tty, connection.request()));
        this.resizer = resizer;
        this.exitCode = exitCode;
    }

    /**
     * The process's standard input; {@code close()} is EOF for it.
     *
     * @return the stream to the process's stdin; each write is sent at once
     */
    public OutputStream stdin() {
        return connection.stdin();
    }

    /**
     * The process's standard output (with a TTY: all its output).
     *
     * @return the process's standard output, until it ends
     */
    public InputStream stdout() {
        return demux.stdout();
    }

    /**
     * The process's standard error (empty with a TTY).
     *
     * @return the process's standard error, until it ends
     */
    public InputStream stderr() {
        return demux.stderr();
    }

    /**
     * Both streams in the order they arrived; use this or {@link #stdout()}/{@link #stderr()}, not both.
     *
     * @return the process's output as it came, stdout and stderr interleaved
     */
    public InputStream output() {
        return demux.merged();
    }

    /**
     * Whether the process has a TTY (raw output, stdout and stderr merged).
     *
     * @return true when the process has a TTY
     */
    public boolean isTty() {
        return tty;
    }

    /**
     * Tells the process its terminal has {@code rows} rows and {@code columns} columns (TTY only).
     *
     * @param rows the terminal's height, in characters
     * @param columns the terminal's width, in characters
     */
    public void resize(int rows, int columns) {
        resizer.resize(rows, columns);
    }

    /**
     * Waits for the process to end and returns its exit code. Read its output first, or it may block on a full pipe.
     *
     * @return the process's exit code
     */
    public long exitCode() {
        return exitCode.getAsLong();
    }

    /** Ends the session: drops the connection, and a read blocked in another thread ends. */
    @Override
    public void close() {
        connection.close();
    }
}

package dev.berth.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of a container's output, as {@code docker logs} prints it: which stream, when (if timestamps were asked
 * for), and the text without its line end. A line the daemon sent in several pieces arrives joined. A line longer
 * than the maximum ({@code Logs.maxLineLength}, 1 MiB unless set) arrives cut, in pieces: every piece but the last
 * is {@link #partial() partial}, and the next line of the same source goes on with it.
 *
 * <pre>{@code
 * docker.containers().logs(id).timestamps().lines()
 *       .forEach(l -> System.out.println(l.timestamp() + " " + l.source() + " " + l.text()));
 * }</pre>
 *
 * @param source stdout or stderr
 * @param timestamp when the daemon logged the line; null unless timestamps were asked for. Every piece of a cut
 *        line carries the line's timestamp.
 * @param text the line, without {@code \n} (and without {@code \r} before it)
 * @param partial whether this piece was cut at the maximum length: the line goes on in the next line of the same
 *        source (which may be partial too). The text of a partial piece never ends inside a UTF-8 character.
 */
public record LogLine(Source source, @Nullable Instant timestamp, String text, boolean partial) {

    /**
     * A whole line (not {@link #partial() partial}).
     *
     * @param source stdout or stderr
     * @param timestamp when the daemon logged the line, or null
     * @param text the line, without its line end
     */
    public LogLine(Source source, @Nullable Instant timestamp, String text) {
        this(source, timestamp, text, false);
    }

    /** The stream a line came from. */
    public enum Source {
        /** The process's standard output (and, with a TTY, everything). */
        STDOUT,
        /** The process's standard error. */
        STDERR
    }

    /** {@code text}, or {@code [stderr] text}; with the timestamp first when there is one. */
    @Override
    public String toString() {
        return (timestamp != null ? timestamp + " " : "") + (source == Source.STDERR ? "[stderr] " : "") + text;
    }
}

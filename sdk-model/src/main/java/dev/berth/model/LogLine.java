package dev.berth.model;

import java.time.Instant;

/**
 * One whole line of a container's output, as {@code docker logs} prints it: which stream, when (if timestamps were
 * asked for), and the text without its line end. A line the daemon sent in several pieces arrives joined.
 *
 * <pre>{@code
 * docker.containers().logs(id).timestamps().lines()
 *       .forEach(l -> System.out.println(l.timestamp() + " " + l.source() + " " + l.text()));
 * }</pre>
 *
 * @param source stdout or stderr
 * @param timestamp when the daemon logged the line; null unless timestamps were asked for
 * @param text the line, without {@code \n} (and without {@code \r} before it)
 */
public record LogLine(Source source, Instant timestamp, String text) {

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

package dev.berth.transport;

import java.time.Duration;

/**
 * How long calls may take. Zero means no limit. Streams (logs follow, events, wait, attach, pull progress) are
 * never cut by the read or call timeout; bound those with a view of the transport, {@link Transport#withTimeout} or
 * {@link Transport#withDeadline}, whose limit covers a call to the end of its stream.
 *
 * <pre>{@code
 * new Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ZERO);
 * }</pre>
 *
 * @param connect how long opening a connection (and the TLS handshake) may take
 * @param read how long the daemon may stay silent during a non-streaming answer; zero is no limit, as in the CLI
 * @param call how long a whole non-streaming call may take; zero is no limit
 */
public record Timeouts(Duration connect, Duration read, Duration call) {

    /** Connect within 10 seconds; no read or call limit, as the {@code docker} CLI. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);

    /**
     * Checks the durations.
     *
     * @param connect how long opening a connection (and the TLS handshake) may take; zero for no limit
     * @param read how long the daemon may stay silent during a non-streaming answer; zero for no limit
     * @param call how long a whole non-streaming call may take; zero for no limit
     * @throws IllegalArgumentException when a duration is null or negative
     */
    public Timeouts {
        connect = check(connect, "connect");
        read = check(read, "read");
        call = check(call, "call");
    }

    private static Duration check(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " timeout must be zero or positive: " + d);
        }
        return d;
    }
}

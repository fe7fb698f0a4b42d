package dev.berth.transport;

/**
 * Which stream a frame of a multiplexed answer belongs to.
 *
 * <pre>{@code
 * if (frames.next() == StreamType.STDERR) { ... }
 * }</pre>
 */
public enum StreamType {
    /** Type 0: written to stdout, as the CLI does. */
    STDIN,
    /** Type 1. */
    STDOUT,
    /** Type 2. */
    STDERR;

    static StreamType ofFrameType(int type) {
        switch (type) {
            case 0:
                return STDIN;
            case 1:
                return STDOUT;
            case 2:
                return STDERR;
            default:
                return null;
        }
    }
}

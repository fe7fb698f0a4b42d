package dev.berth.transport.internal;

/** Makes the calls of one transport over its connections, and owns them (a pool). */
public interface HttpCalls {
    /** {@return a call of {@code request}, not yet sent} */
    HttpCall newCall(OutgoingRequest request);

    /** Closes the idle connections; calls in flight finish. */
    void close();
}

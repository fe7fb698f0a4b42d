package dev.berth.transport.internal;

import java.io.IOException;

/** One call of the HTTP layer, made but not yet sent; {@link #cancel()} works from any thread, before or during. */
public interface HttpCall {
    /**
     * Sends the request and reads the answer's head.
     *
     * @throws IOException when the connection, the write or the read fails, or the call was cancelled
     */
    Exchange execute() throws IOException;

    /** Stops the call: before it is sent it will not be; once sent, its connection is dropped. */
    void cancel();
}

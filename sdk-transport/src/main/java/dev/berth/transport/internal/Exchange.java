package dev.berth.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * One answer of the HTTP layer, its head read and its body not: what {@code ApiResponse} and
 * {@code HijackedConnection} read, whichever HTTP/1.1 implementation made it ({@link Http1Calls} for sockets,
 * pipes, ssh and plain TCP; {@link OkHttpCalls} for TLS).
 */
public interface Exchange {
    /** {@return the status code} */
    int code();

    /** {@return the reason phrase, possibly empty} */
    String reason();

    /** {@return the last value of the header named {@code name} in any case, or null} */
    @Nullable String header(String name);

    /** {@return whether the answer has no body at all: HEAD, 204, 304, or a length of 0} */
    boolean bodyless();

    /**
     * The body as framed by the answer (length or chunks): it ends with -1 where the daemon ended it, which frees the
     * connection for another call.
     */
    InputStream body();

    /**
     * Reads up to {@code max} bytes of the body, as text, for an error message; then closes the exchange.
     *
     * @throws IOException when the body cannot be read
     */
    String errorText(long max) throws IOException;

    /** After {@code 101 UPGRADED}: the connection's input, raw, with what the head's read left buffered first. */
    InputStream upgradedInput() throws IOException;

    /** After {@code 101 UPGRADED}: the connection's output; {@code flush} sends, {@code close} half-closes. */
    OutputStream upgradedOutput() throws IOException;

    /** Drops the connection from any thread: a read or write blocked in another thread ends. */
    void cancel();

    /** Frees the exchange: its connection goes back to the pool when the body was read to its end, else it is dropped. */
    void close();
}

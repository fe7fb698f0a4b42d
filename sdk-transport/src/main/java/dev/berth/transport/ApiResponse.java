package dev.berth.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.errors.CallCancelledException;
import dev.berth.errors.DockerException;
import dev.berth.errors.StreamException;
import dev.berth.transport.internal.Exchange;
import dev.berth.transport.internal.InFlightCall;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer whose body has not been read yet. Close it: after the whole body has been read the connection
 * goes back to the pool; before that, closing cancels the call and drops the socket, which also ends a read blocked
 * in another thread.
 *
 * <p>A read of a call that was stopped (its thread interrupted, this answer closed, the client view closed or its
 * deadline passed) throws {@link CallCancelledException}, unchecked like every Berth error, also from
 * {@link InputStream#read}: it reaches the caller typed through any reader layered on the body.
 *
 * <pre>{@code
 * try (ApiResponse r = transport.send(ApiRequest.get("/containers/{id}/logs", id).query("stdout", true).build())) {
 *     r.body().transferTo(System.out);
 * }
 * }</pre>
 */
public final class ApiResponse implements Closeable {
    private final InFlightCall inFlight;
    private final Exchange response;
    private final String request;
    private final String endpoint;
    private final Body body;
    private volatile boolean closed;

    /** An answer to a call made outside {@link Transport} (tests): only an interrupt or its close stops it. */
    ApiResponse(Exchange response, String request, String endpoint) {
        this(InFlightCall.untracked(response::cancel, request), response, request, endpoint);
    }

    ApiResponse(InFlightCall inFlight, Exchange response, String request, String endpoint) {
        this.inFlight = inFlight;
        this.response = response;
        this.request = request;
        this.endpoint = endpoint;
        int code = response.code();
        boolean empty = response.bodyless();
        this.body = new Body(response.body(), empty);
        if (empty && code != 101) {
            inFlight.finish(); // nothing left to wait for; an upgraded call lives on in its HijackedConnection
        }
    }

    /** {@return the HTTP status: 200, 201, 204, 304, or 101 for an upgrade} */
    public int status() {
        return response.code();
    }

    /**
     * A response header, or null.
     *
     * @param name the header's name, in any case
     * @return the header's value (the last one when it is repeated), or null when the response has none
     */
    public @Nullable String header(String name) {
        return response.header(name);
    }

    /** {@return the method and path that produced this answer, for messages} */
    public String request() {
        return request;
    }

    /**
     * The body as it arrives; its {@code close} closes this response.
     *
     * @return the body stream; the caller reads and closes it
     */
    public InputStream body() {
        return body;
    }

    /**
     * Reads the whole body as JSON into {@code type}, then closes.
     *
     * @param <T> the type read
     * @param type what to read the body into
     * @return the value read; null when the body is JSON {@code null}
     * @throws dev.berth.errors.StreamException when the body is not such JSON
     * @throws dev.berth.errors.CallCancelledException when the call was cancelled while the body was read
     * @throws dev.berth.errors.DockerException when the connection broke or timed out
     */
    public <T> @Nullable T readJson(JavaType type) {
        // Closed in finally, after the catch: a close before it would cancel the call, and a failed read would then
        // be reported as a cancelled call instead of what it is.
        try {
            T value = RecordReader.read(body, type);
            drain();
            return value;
        } catch (JsonProcessingException e) {
            // Jackson wraps what a read threw inside a bean: a cancelled read is not malformed JSON
            CallCancelledException cancelled = cancellation(e);
            if (cancelled != null) {
                throw cancelled;
            }
            throw new StreamException("malformed JSON from the daemon: " + e.getMessage(), request);
        } catch (IOException e) {
            throw readFailure(e); // not the JSON's fault
        } finally {
            close();
        }
    }

    /**
     * Reads and discards whatever body is left, so the connection can be reused, then closes.
     *
     * @return the status, for callers that tell 204 from 304
     */
    public int discard() {
        try {
            drain();
            return status();
        } catch (IOException e) {
            throw readFailure(e);
        } finally {
            close();
        }
    }

    /**
     * What a failed read of the body means: the call was stopped, or the connection broke (a daemon that stopped) or
     * timed out.
     */
    private DockerException readFailure(IOException e) {
        CallCancelledException cancelled = inFlight.cancelled(e);
        if (cancelled != null) {
            return cancelled;
        }
        String m = String.valueOf(e.getMessage());
        return new DockerException(0, m.contains(endpoint) ? m : "I/O error reading the answer from the Docker"
                + " daemon at " + endpoint + ": " + e.getClass().getSimpleName() + ": " + m, request, e);
    }

    /** The {@link CallCancelledException} somewhere in {@code e}'s causes, or null. */
    static CallCancelledException cancellation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CallCancelledException cancelled) {
                return cancelled;
            }
        }
        return null;
    }

    private void drain() throws IOException {
        if (body.ended) {
            return;
        }
        inFlight.check();
        byte[] skipped = new byte[512]; // what is left is mostly short: "OK", a newline
        while (body.read(skipped, 0, skipped.length) >= 0) {
            // what the caller did not read: the connection can serve another call only after it
        }
    }

    Exchange exchange() {
        return response;
    }

    InFlightCall inFlight() {
        return inFlight;
    }

    /** Ends the call: a body not read to its end is cancelled (reason {@link Reason#CLOSED}) and its socket dropped. */
    @Override
    public void close() {
        closed = true;
        if (!body.ended) {
            inFlight.cancel(Reason.CLOSED, "its answer was closed");
        }
        try {
            response.close();
        } finally {
            inFlight.finish();
        }
    }

    /** Tracks whether the daemon ended the body, so close knows whether the socket can be reused. */
    private final class Body extends FilterInputStream {
        volatile boolean ended;
        private final InputStream raw;

        Body(InputStream in, boolean ended) {
            super(in);
            this.raw = in;
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            inFlight.check();
            int b;
            try {
                b = raw.read();
            } catch (IOException e) {
                throw failed(e);
            }
            if (b < 0) {
                end();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0; // as InputStream promises; OkHttp's stream would wait for the next byte first
            }
            inFlight.check();
            int n;
            try {
                n = raw.read(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
            if (n < 0) {
                end();
            }
            return n;
        }

        private void end() {
            ended = true;
            inFlight.finish();
        }

        /**
         * Says what a failed read means: a stopped call throws {@link CallCancelledException}; OkHttp reports a
         * daemon that went away mid-answer as a bare {@code EOFException} or "unexpected end of stream", which
         * becomes an IOException naming the daemon and the request. Anything else is left as is.
         */
        private IOException failed(IOException e) {
            CallCancelledException cancelled = inFlight.cancelled(e);
            if (cancelled != null) {
                throw cancelled;
            }
            if (closed) {
                return e;
            }
            if (e instanceof EOFException || e instanceof ProtocolException
                    && String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
                return new IOException("the Docker daemon at " + endpoint + " closed the connection in the middle of"
                        + " the answer to " + request + " (did it stop or restart?)", e);
            }
            return e; // a timeout and the like keep their type
        }

        @Override
        public void close() {
            ApiResponse.this.close();
        }
    }
}

package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * A call Berth stopped before it ended, on the caller's side: the thread running or reading it was interrupted, the
 * call's handle (its stream, its session, or the client view it was made through) was closed, or its deadline passed.
 * {@link #reason()} says which. The connection it used is dropped, never reused; the client's next call works.
 *
 * <p>When the reason is {@link Reason#INTERRUPTED} the thread's interrupt flag is still set, as Java's convention
 * for interruptible calls wants: whoever catches this can see it, and clear it with {@link Thread#interrupted()}.
 *
 * <pre>{@code
 * try (Docker bounded = docker.withTimeout(Duration.ofMinutes(2))) {
 *     bounded.images().pull("registry.example/app:1");
 * } catch (CallCancelledException e) {
 *     e.reason();   // DEADLINE after two minutes; INTERRUPTED if the thread was interrupted; CLOSED if closed
 * }
 * }</pre>
 */
public class CallCancelledException extends DockerException {
    private static final long serialVersionUID = 1L;

    /** What stopped the call. */
    public enum Reason {
        /** The thread that ran the call, or was reading its stream, was interrupted. */
        INTERRUPTED("the thread was interrupted"),
        /** The call's stream or session, or the client view it was made through, was closed. */
        CLOSED("it was closed"),
        /** The deadline or timeout of the client view it was made through passed. */
        DEADLINE("its deadline passed");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** {@return the reason in words, for messages: "the thread was interrupted"} */
        public String words() {
            return words;
        }
    }

    /** What stopped the call. */
    private final Reason reason;

    /**
     * @param reason what stopped the call
     * @param detail more about it, such as the deadline's length; may be empty
     * @param request the method and path of the call, such as {@code POST /v1.41/images/create}
     * @param cause the I/O failure the cancellation caused, if any
     */
    public CallCancelledException(Reason reason, @Nullable String detail, String request,
            @Nullable Throwable cause) {
        super(0, "call cancelled: " + reason.words() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"),
                request, cause);
        this.reason = reason;
    }

    /** {@return what stopped the call: an interrupt, a close, or the deadline} */
    public Reason reason() {
        return reason;
    }
}

package dev.berth.transport.internal;

import dev.berth.errors.CallCancelledException;
import dev.berth.errors.CallCancelledException.Reason;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call from its start until its answer is read or closed (a stream or a session included): what may stop it
 * early, and which did. Three things can:
 *
 * <ul>
 *   <li>an interrupt of the thread running the call or reading its answer: the sockets end a blocked read with an
 *       {@code InterruptedIOException} (see {@link ChannelSocket}), and every read of the answer first looks at the
 *       flag, so a thread interrupted between two reads stops at the next;</li>
 *   <li>a close: of the answer's stream or session by its reader or another thread, or of the client view it was
 *       made through ({@link CallScope#close()});</li>
 *   <li>the view's deadline, kept by the {@link Watchdog}'s thread, which cancels the call when it passes.</li>
 * </ul>
 *
 * <p>Whichever comes first is the reason; cancelling the HTTP call then drops the socket, so no pool reuses it. A
 * failure of the call or of a read is turned into {@link CallCancelledException} by {@link #cancelled(Throwable)}
 * when one of these caused it; the interrupt flag of an interrupted thread is left as it was, set.
 */
public final class InFlightCall {
    /** Stops the HTTP call: before it is sent it will not be; once sent, its connection is dropped. */
    private final Runnable cancelCall;
    private final String request;
    private final CallScope scope;
    private volatile Watchdog.Entry deadline;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Runnable onCancel;

    /** Why the call was stopped, and more about it in words ("timeout 2 s"). */
    private record Stop(Reason reason, String words) {
    }

    private InFlightCall(Runnable cancelCall, String request, CallScope scope) {
        this.cancelCall = cancelCall;
        this.request = request;
        this.scope = scope;
    }

    /**
     * Starts watching a call that is about to be sent.
     *
     * @param scope the view's scope, or none (on the client itself)
     * @throws CallCancelledException at once, nothing sent, when the thread is already interrupted, the view was
     *         closed, or its deadline has passed
     */
    public static InFlightCall start(Runnable cancelCall, String request, CallScope scope) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CallCancelledException(Reason.INTERRUPTED, "before it was sent", request, null);
        }
        CallScope.Limit limit = null;
        if (scope != null) {
            if (scope.isClosed()) {
                throw new CallCancelledException(Reason.CLOSED, "the client view it was made through is closed",
                        request, null);
            }
            limit = scope.limitFor(System.nanoTime());
            if (limit != null && limit.nanoTime() - System.nanoTime() <= 0) {
                throw new CallCancelledException(Reason.DEADLINE, limit.words() + ", before it was sent", request,
                        null);
            }
        }
        InFlightCall c = new InFlightCall(cancelCall, request, scope);
        if (scope != null) {
            scope.register(c);
        }
        if (limit != null) {
            String words = limit.words();
            c.deadline = Watchdog.arm(limit.nanoTime(), () -> c.cancel(Reason.DEADLINE, words));
        }
        return c;
    }

    /** A call watched for interrupts and closes only, with no view and no check at its start. */
    public static InFlightCall untracked(Runnable cancelCall, String request) {
        return new InFlightCall(cancelCall, request, null);
    }

    /** Also runs {@code action} on cancel: a hijacked socket is no longer the call's to close. */
    public void onCancel(Runnable action) {
        onCancel = action;
        if (stop.get() != null) {
            action.run();
        }
    }

    /** Stops the call for {@code why}, unless something else already did; safe from any thread, any number of times. */
    public void cancel(Reason why, String words) {
        if (!stop.compareAndSet(null, new Stop(why, words))) {
            return;
        }
        cancelCall.run();
        Runnable r = onCancel;
        if (r != null) {
            r.run();
        }
    }

    /** The call ended (its answer read or closed): no deadline, no scope holds it any more. */
    public void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Watchdog.Entry d = deadline;
        if (d != null) {
            d.disarm();
        }
        if (scope != null) {
            scope.unregister(this);
        }
    }

    /** Whether something stopped the call. */
    boolean isCancelled() {
        return stop.get() != null;
    }

    /**
     * Before a read or write of the call's answer or session: a thread whose interrupt flag is set stops here, and
     * so does one reading a call stopped meanwhile (by a close or the deadline).
     *
     * @throws CallCancelledException when the call is to stop
     */
    public void check() {
        if (Thread.currentThread().isInterrupted()) {
            cancel(Reason.INTERRUPTED, "");
        }
        Stop s = stop.get();
        if (s != null) {
            throw exception(s, null);
        }
    }

    /**
     * What a failure of the call or of a read means: a {@link CallCancelledException} when the call was stopped or
     * the thread interrupted (then stopping it, so the socket is dropped); null when it is some other failure.
     */
    public CallCancelledException cancelled(Throwable failure) {
        if (stop.get() == null && Thread.currentThread().isInterrupted()) {
            cancel(Reason.INTERRUPTED, "");
        }
        Stop s = stop.get();
        return s == null ? null : exception(s, failure);
    }

    private CallCancelledException exception(Stop s, Throwable cause) {
        return new CallCancelledException(s.reason(), s.words(), request, cause);
    }
}

package dev.berth.transport.internal;

import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the calls made through one view of a {@link Transport} share: an optional time limit (per call, or one
 * deadline for all) and a {@link #close()} that cancels the ones still in flight. Views made from a view get a child
 * scope: its calls obey every limit up the chain, and closing any scope of the chain cancels them.
 *
 * <p>A call registers with every scope of its chain while it runs and leaves when it ends, so a scope holds no call
 * that finished, and a parent never holds its children: views made for one call and dropped cost nothing later.
 */
public final class CallScope {
    private static final long NONE = Long.MAX_VALUE;

    private final CallScope parent;
    /** Each call's own limit from its start, in nanoseconds; 0 is none. */
    private final long timeoutNanos;
    /** One deadline for all calls, in {@link System#nanoTime()} terms; {@link #NONE} is none. */
    private final long deadlineNanoTime;
    private final String limit;
    private final Set<InFlightCall> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CallScope(CallScope parent, long timeoutNanos, long deadlineNanoTime, String limit) {
        this.parent = parent;
        this.timeoutNanos = timeoutNanos;
        this.deadlineNanoTime = deadlineNanoTime;
        this.limit = limit;
    }

    /** A scope with no limit of its own, under {@code parent} (which may be absent: {@code null}). */
    public static CallScope unlimited(CallScope parent) {
        return new CallScope(parent, 0, NONE, "");
    }

    /** Each call must end within {@code timeout} of its start. */
    public static CallScope timeout(CallScope parent, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new CallScope(parent, saturatedNanos(timeout), NONE, "timeout " + words(timeout));
    }

    /** Every call must end by {@code deadline}, measured on the monotonic clock from now on. */
    public static CallScope deadline(CallScope parent, Instant deadline) {
        if (deadline == null) {
            throw new IllegalArgumentException("deadline must be given");
        }
        Duration left = Duration.between(Instant.now(), deadline);
        long at = System.nanoTime() + Math.max(0, Math.min(saturatedNanos(left), NONE / 4));
        return new CallScope(parent, 0, at, "deadline " + deadline);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : NONE;
        }
    }

    private static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * When a call started at {@code startNanos} must have ended, in {@link System#nanoTime()} terms, with the
     * limit that sets it; null when no scope of the chain limits it.
     */
    Limit limitFor(long startNanos) {
        Limit best = null;
        for (CallScope s = this; s != null; s = s.parent) {
            long at = s.timeoutNanos > 0 ? startNanos + Math.min(s.timeoutNanos, NONE / 4) : s.deadlineNanoTime;
            if (at != NONE && (best == null || at - best.nanoTime() < 0)) {
                best = new Limit(at, s.limit);
            }
        }
        return best;
    }

    /** A call's end time and the limit that set it, in words ("timeout 2 s"). */
    record Limit(long nanoTime, String words) {
    }

    /** Whether this scope or one above it was closed. */
    boolean isClosed() {
        for (CallScope s = this; s != null; s = s.parent) {
            if (s.closed) {
                return true;
            }
        }
        return false;
    }

    /** Adds a call to every scope of the chain; a close that raced with it cancels it. */
    void register(InFlightCall call) {
        for (CallScope s = this; s != null; s = s.parent) {
            s.calls.add(call);
        }
        if (isClosed()) {
            call.cancel(Reason.CLOSED, "the client view it was made through was closed");
        }
    }

    void unregister(InFlightCall call) {
        for (CallScope s = this; s != null; s = s.parent) {
            s.calls.remove(call);
        }
    }

    /** Cancels the calls in flight in this scope (and in scopes below it), and every later one. */
    public void close() {
        closed = true;
        for (InFlightCall call : calls) {
            call.cancel(Reason.CLOSED, "the client view it was made through was closed");
        }
    }

    /** The limits of the chain, for {@code toString}: "timeout 2 s", "deadline 2030-01-01T00:00:00Z", or empty. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (CallScope s = this; s != null; s = s.parent) {
            if (!s.limit.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.limit);
            }
        }
        return sb.toString();
    }
}

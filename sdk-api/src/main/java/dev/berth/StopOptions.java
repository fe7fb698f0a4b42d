package dev.berth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Containers#stop(String, StopOptions)} and {@link Containers#restart(String, StopOptions)} stop a
 * container, as {@code docker stop -t -s} say: the signal sent first and how long to wait for the container to exit
 * before SIGKILL. What is not set is the container's own ({@code --stop-signal}, {@code --stop-timeout}; SIGTERM and
 * 10 seconds unless it was created with others). Immutable: each method returns a new value.
 *
 * <pre>{@code
 * docker.containers().stop(id, StopOptions.defaults().withTimeout(Duration.ofSeconds(30)).withSignal("SIGINT"));
 * }</pre>
 */
public final class StopOptions {
    private static final StopOptions DEFAULTS = new StopOptions(null, null);

    private final Duration timeout;
    private final String signal;

    private StopOptions(Duration timeout, String signal) {
        this.timeout = timeout;
        this.signal = signal;
    }

    /**
     * The container's stop signal and stop timeout.
     *
     * @return the options with neither {@code -t} nor {@code -s}
     */
    public static StopOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options, waiting {@code timeout} before SIGKILL ({@code -t}); the daemon counts whole seconds, so a part
     * of a second counts as one. {@link Duration#ZERO} kills at once.
     *
     * @param timeout the grace period between the stop signal and SIGKILL
     * @return a copy that sends {@code t}
     * @throws IllegalArgumentException when the timeout is negative
     */
    public StopOptions withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return new StopOptions(timeout, signal);
    }

    /**
     * These options, sending {@code signal} first instead of the container's stop signal ({@code -s}): a name such
     * as {@code "SIGINT"} or {@code "INT"}, or a number. Needs API 1.42 (Engine 23); an older daemon would send its
     * default signal, so Berth refuses the call there.
     *
     * @param signal such as {@code SIGINT}, {@code INT} or {@code 2}
     * @return a copy that sends {@code signal}
     * @throws IllegalArgumentException when the signal is empty
     */
    public StopOptions withSignal(String signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal.isBlank()) {
            throw new IllegalArgumentException("empty signal");
        }
        return new StopOptions(timeout, signal);
    }

    /** {@return the wait before SIGKILL; empty for the container's stop timeout} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** {@return the signal sent first; empty for the container's stop signal} */
    public Optional<String> signal() {
        return Optional.ofNullable(signal);
    }

    /** The timeout in whole seconds as the daemon's {@code t} takes it, rounded up; null when unset. */
    Long timeoutSeconds() {
        if (timeout == null) {
            return null;
        }
        long s = timeout.getSeconds();
        return timeout.getNano() > 0 ? s + 1 : s;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StopOptions s && Objects.equals(s.timeout, timeout) && Objects.equals(s.signal, signal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, signal);
    }

    /** {@code StopOptions[timeout=PT30S, signal=SIGINT]}: what is set. */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>(2);
        if (timeout != null) {
            set.add("timeout=" + timeout);
        }
        if (signal != null) {
            set.add("signal=" + signal);
        }
        return "StopOptions" + set;
    }
}

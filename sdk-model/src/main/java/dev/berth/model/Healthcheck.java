package dev.berth.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How the daemon checks that a container is healthy ({@code docker run --health-cmd --health-interval ...}).
 * A zero duration or retry count means "as the image says" (or the daemon's default).
 *
 * <pre>{@code
 * Healthcheck h = Healthcheck.cmd("wget", "-q", "-O-", "http://localhost/")
 *         .withInterval(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(2)).withRetries(3);
 * Healthcheck.shell("curl -f http://localhost/ || exit 1");
 * Healthcheck.none();   // turn off the image's check
 * }</pre>
 *
 * @param test {@code ["CMD", args...]}, {@code ["CMD-SHELL", command]}, {@code ["NONE"]}, or empty to keep the
 *        image's test while changing its timing
 * @param interval time between checks; zero to inherit, otherwise at least 1 ms
 * @param timeout time after which one check counts as failed; zero to inherit, otherwise at least 1 ms
 * @param startPeriod time after start during which failures do not count; zero to inherit, otherwise at least 1 ms
 * @param retries consecutive failures before the container is unhealthy; zero to inherit
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, int retries) {

    /**
     * Checks the values and copies the test; null durations become zero.
     *
     * @param test {@code CMD ...}, {@code CMD-SHELL cmd}, {@code NONE}, or empty to inherit the image's test
     * @param interval time between checks, zero to inherit
     * @param timeout time one check may take, zero to inherit
     * @param startPeriod grace time after start, zero to inherit
     * @param retries failures before unhealthy, zero to inherit
     * @throws IllegalArgumentException when the test is malformed, a duration is negative or below 1 ms, or the
     *         retry count is negative
     */
    public Healthcheck {
        test = Copies.copy(test);
        if (test.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("healthcheck test must not contain null: " + test);
        }
        if (!test.isEmpty()) {
            String kind = test.get(0);
            switch (kind) {
                case "NONE" -> {
                    if (test.size() != 1) {
                        throw new IllegalArgumentException("healthcheck NONE takes no arguments: " + test);
                    }
                }
                case "CMD" -> {
                    if (test.size() < 2) {
                        throw new IllegalArgumentException("healthcheck CMD needs a command: " + test);
                    }
                }
                case "CMD-SHELL" -> {
                    if (test.size() != 2 || test.get(1).isBlank()) {
                        throw new IllegalArgumentException("healthcheck CMD-SHELL takes exactly one command: " + test);
                    }
                }
                default -> throw new IllegalArgumentException("healthcheck test must start with CMD, CMD-SHELL or NONE: "
                        + test);
            }
        }
        interval = checked("interval", interval);
        timeout = checked("timeout", timeout);
        startPeriod = checked("start period", startPeriod);
        if (retries < 0) {
            throw new IllegalArgumentException("healthcheck retries must not be negative: " + retries);
        }
    }

    private static Duration checked(String what, Duration d) {
        if (d == null) {
            return Duration.ZERO;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("healthcheck " + what + " must not be negative: "
                    + formatDuration(d));
        }
        if (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("healthcheck " + what + " must be 0 (inherit) or at least 1ms: "
                    + formatDuration(d));
        }
        try {
            d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("healthcheck " + what + " is too long: " + d, e);
        }
        return d;
    }

    /**
     * Runs a command directly, without a shell ({@code ["CMD", ...]}).
     *
     * <pre>{@code
     * Healthcheck.cmd("pg_isready", "-U", "postgres");
     * }</pre>
     *
     * @param command the program and its arguments
     * @return a check with inherited timing
     * @throws IllegalArgumentException when the command is empty
     */
    public static Healthcheck cmd(String... command) {
        Objects.requireNonNull(command, "command");
        String[] test = new String[command.length + 1];
        test[0] = "CMD";
        System.arraycopy(command, 0, test, 1, command.length);
        return new Healthcheck(java.util.Arrays.asList(test), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * Runs a command with the container's shell ({@code ["CMD-SHELL", command]}), as {@code --health-cmd} does.
     *
     * <pre>{@code
     * Healthcheck.shell("curl -f http://localhost/ || exit 1");
     * }</pre>
     *
     * @param command the shell command line
     * @return a check with inherited timing
     * @throws IllegalArgumentException when the command is blank
     */
    public static Healthcheck shell(String command) {
        if (command == null) {
            throw new IllegalArgumentException("healthcheck shell command must not be null");
        }
        return new Healthcheck(List.of("CMD-SHELL", command), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * Turns off the image's health check ({@code --no-healthcheck}).
     *
     * <pre>{@code
     * spec.healthcheck(Healthcheck.none());
     * }</pre>
     *
     * @return the {@code ["NONE"]} check
     */
    public static Healthcheck none() {
        return new Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * A copy with another interval ({@code --health-interval}).
     *
     * <pre>{@code
     * Healthcheck.shell("true").withInterval(Duration.ofSeconds(5));
     * }</pre>
     *
     * @param interval time between checks; zero to inherit
     * @return the copy
     */
    public Healthcheck withInterval(Duration interval) {
        return new Healthcheck(test, interval, timeout, startPeriod, retries);
    }

    /**
     * A copy with another timeout ({@code --health-timeout}).
     *
     * <pre>{@code
     * Healthcheck.shell("true").withTimeout(Duration.ofSeconds(2));
     * }</pre>
     *
     * @param timeout how long one check may take; zero to inherit
     * @return the copy
     */
    public Healthcheck withTimeout(Duration timeout) {
        return new Healthcheck(test, interval, timeout, startPeriod, retries);
    }

    /**
     * A copy with another start period ({@code --health-start-period}).
     *
     * <pre>{@code
     * Healthcheck.shell("true").withStartPeriod(Duration.ofSeconds(30));
     * }</pre>
     *
     * @param startPeriod grace time after start; zero to inherit
     * @return the copy
     */
    public Healthcheck withStartPeriod(Duration startPeriod) {
        return new Healthcheck(test, interval, timeout, startPeriod, retries);
    }

    /**
     * A copy with another retry count ({@code --health-retries}).
     *
     * <pre>{@code
     * Healthcheck.shell("true").withRetries(3);
     * }</pre>
     *
     * @param retries consecutive failures before unhealthy; zero to inherit
     * @return the copy
     */
    public Healthcheck withRetries(int retries) {
        return new Healthcheck(test, interval, timeout, startPeriod, retries);
    }

    /**
     * The Engine API's {@code HealthConfig}: {@code Test}, then {@code Interval}, {@code Timeout}, {@code Retries}
     * and {@code StartPeriod} (durations in nanoseconds), each only when not inherited. A fresh mutable map.
     *
     * <pre>{@code
     * Healthcheck.shell("true").withInterval(Duration.ofSeconds(5)).toJson();
     * // {Test=[CMD-SHELL, true], Interval=5000000000}
     * }</pre>
     *
     * @return the JSON object as a map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Test", new java.util.ArrayList<>(test));
        if (!interval.isZero()) {
            json.put("Interval", interval.toNanos());
        }
        if (!timeout.isZero()) {
            json.put("Timeout", timeout.toNanos());
        }
        if (retries != 0) {
            json.put("Retries", retries);
        }
        if (!startPeriod.isZero()) {
            json.put("StartPeriod", startPeriod.toNanos());
        }
        return json;
    }

    /**
     * The test and whatever timing is set, durations in Go style.
     *
     * <pre>{@code
     * Healthcheck.shell("true").withInterval(Duration.ofSeconds(90)).toString();
     * // "Healthcheck[test=[CMD-SHELL, true], interval=1m30s]"
     * }</pre>
     */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "Healthcheck[", "]");
        s.add("test=" + test);
        if (!interval.isZero()) {
            s.add("interval=" + formatDuration(interval));
        }
        if (!timeout.isZero()) {
            s.add("timeout=" + formatDuration(timeout));
        }
        if (!startPeriod.isZero()) {
            s.add("startPeriod=" + formatDuration(startPeriod));
        }
        if (retries != 0) {
            s.add("retries=" + retries);
        }
        return s.toString();
    }

    /** A duration as Go prints one: {@code 1h2m3s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + formatDuration(d.negated());
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = d.toNanos();
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return nanos / 1_000 + "us";
            }
            return nanos + "ns";
        }
        StringBuilder s = new StringBuilder();
        long hours = d.toHours();
        if (hours > 0) {
            s.append(hours).append('h');
        }
        int minutes = d.toMinutesPart();
        if (hours > 0 || minutes > 0) {
            s.append(minutes).append('m');
        }
        s.append(d.toSecondsPart());
        int nanos = d.toNanosPart();
        if (nanos != 0) {
            String fraction = String.format(java.util.Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
            s.append('.').append(fraction);
        }
        return s.append('s').toString();
    }
}

package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * What the daemon does when a container exits ({@code docker run --restart}); also what
 * {@link ContainerDetails.HostConfig#restartPolicy()} reads ({@code RestartPolicy}).
 *
 * <pre>{@code
 * RestartPolicy.unlessStopped();
 * RestartPolicy.onFailure(3);              // on-failure:3
 * RestartPolicy.parse("on-failure:3");     // the same
 * RestartPolicy.parse("always").name();    // "always"
 * }</pre>
 *
 * @param name {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure}
 * @param maximumRetryCount for {@code on-failure}, how many restarts to try before giving up (0 = no limit); 0 for the
 *        other policies
 */
public record RestartPolicy(@JsonProperty("Name") String name,
        @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
    private static final Set<String> NAMES = Set.of("no", "always", "unless-stopped", "on-failure");
    private static final RestartPolicy NO = new RestartPolicy("no", 0);
    private static final RestartPolicy ALWAYS = new RestartPolicy("always", 0);
    private static final RestartPolicy UNLESS_STOPPED = new RestartPolicy("unless-stopped", 0);

    /**
     * Checks the policy. An empty name, which the daemon reports for containers created without a policy, means
     * {@code no}.
     *
     * @param name {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure}; empty means {@code no}
     * @param maximumRetryCount for {@code on-failure}, the retry limit (0 = none); otherwise 0
     * @throws IllegalArgumentException when the name is unknown, the count negative, or a count is given to a policy
     *         other than {@code on-failure}
     */
    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown restart policy '" + name
                    + "': expected no, always, unless-stopped or on-failure[:max-retries]");
        }
        if (maximumRetryCount < 0) {
            throw new IllegalArgumentException("maximum retry count must not be negative: " + maximumRetryCount);
        }
        if (maximumRetryCount != 0 && !name.equals("on-failure")) {
            throw new IllegalArgumentException("a maximum retry count (" + maximumRetryCount
                    + ") can only be used with on-failure, not with " + name);
        }
    }

    /**
     * Never restart (the daemon's default).
     *
     * <pre>{@code
     * RestartPolicy.no().toString(); // "no"
     * }</pre>
     *
     * @return the {@code no} policy
     */
    public static RestartPolicy no() {
        return NO;
    }

    /**
     * Always restart, also after the daemon restarts, even when the container was stopped by hand.
     *
     * <pre>{@code
     * spec.restartPolicy(RestartPolicy.always());
     * }</pre>
     *
     * @return the {@code always} policy
     */
    public static RestartPolicy always() {
        return ALWAYS;
    }

    /**
     * Always restart, except after the container was stopped by hand.
     *
     * <pre>{@code
     * spec.restartPolicy(RestartPolicy.unlessStopped());
     * }</pre>
     *
     * @return the {@code unless-stopped} policy
     */
    public static RestartPolicy unlessStopped() {
        return UNLESS_STOPPED;
    }

    /**
     * Restart when the container exits with a non-zero code.
     *
     * <pre>{@code
     * RestartPolicy.onFailure(3).toString(); // "on-failure:3"
     * }</pre>
     *
     * @param maxRetries how many restarts to try; 0 for no limit
     * @return the {@code on-failure} policy
     * @throws IllegalArgumentException when {@code maxRetries} is negative
     */
    public static RestartPolicy onFailure(int maxRetries) {
        return new RestartPolicy("on-failure", maxRetries);
    }

    /**
     * Reads {@code --restart} syntax: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure} or
     * {@code on-failure:N}.
     *
     * <pre>{@code
     * RestartPolicy.parse("on-failure:3").maximumRetryCount(); // 3
     * }</pre>
     *
     * @param spec the {@code --restart} value
     * @return the policy
     * @throws IllegalArgumentException naming the spec when it cannot be read
     */
    public static RestartPolicy parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("restart policy must not be empty");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String count = colon < 0 ? "0" : s.substring(colon + 1);
        int retries;
        try {
            retries = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid restart policy '" + spec + "': '" + count
                    + "' is not a number of retries", e);
        }
        try {
            return new RestartPolicy(colon < 0 ? s : s.substring(0, colon), retries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid restart policy '" + spec + "': " + e.getMessage(), e);
        }
    }

    /**
     * The policy in {@code --restart} syntax, which {@link #parse(String)} reads back.
     *
     * <pre>{@code
     * RestartPolicy.onFailure(3).toString(); // "on-failure:3"
     * }</pre>
     */
    @Override
    public String toString() {
        return maximumRetryCount == 0 ? name : name + ":" + maximumRetryCount;
    }
}

package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tokens other engines use to join the swarm ({@code docker swarm join-token}). Anyone holding one can join, so
 * {@link #toString()} shows only their public prefix.
 *
 * <pre>{@code
 * JoinTokens t = docker.swarm().joinTokens();
 * t.worker();    // "SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx"
 * t.toString();  // "JoinTokens[worker=SWMTKN-1-***, manager=SWMTKN-1-***]"
 * }</pre>
 *
 * @param worker the token that joins an engine as a worker
 * @param manager the token that joins an engine as a manager
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinTokens(@JsonProperty("Worker") String worker, @JsonProperty("Manager") String manager) {

    /** The tokens masked: only the {@code SWMTKN-1-} prefix stays. */
    @Override
    public String toString() {
        return "JoinTokens[worker=" + mask(worker) + ", manager=" + mask(manager) + "]";
    }

    private static String mask(String token) {
        if (token == null || token.isEmpty()) {
            return "(none)";
        }
        int dash = token.indexOf('-', token.indexOf('-') + 1);
        return (dash > 0 ? token.substring(0, dash + 1) : "") + "***";
    }
}

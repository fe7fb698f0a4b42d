package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A swarm's settings ({@code SwarmSpec}), as {@code docker swarm inspect} shows them and {@code docker swarm update}
 * changes them. A part the daemon did not send is null.
 *
 * @param name the swarm's name ({@code default})
 * @param labels the swarm's labels
 * @param orchestration how many old tasks are kept
 * @param raft the Raft consensus settings
 * @param dispatcher how often nodes report to the managers
 * @param caConfig the certificate authority settings
 * @param encryptionConfig whether managers are locked at rest (autolock)
 * @param taskDefaults the defaults of every task, such as the log driver
 * @param extras every field this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmSpec(
        @JsonProperty("Name") String name,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Orchestration") Orchestration orchestration,
        @JsonProperty("Raft") Raft raft,
        @JsonProperty("Dispatcher") Dispatcher dispatcher,
        @JsonProperty("CAConfig") CaConfig caConfig,
        @JsonProperty("EncryptionConfig") EncryptionConfig encryptionConfig,
        @JsonProperty("TaskDefaults") TaskDefaults taskDefaults,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code labels} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param name the swarm's name ({@code default})
     * @param labels the swarm's labels
     * @param orchestration how many old tasks are kept
     * @param raft the Raft consensus settings
     * @param dispatcher how often nodes report to the managers
     * @param caConfig the certificate authority settings
     * @param encryptionConfig whether managers are locked at rest (autolock)
     * @param taskDefaults the defaults of every task, such as the log driver
     * @param extras every field this record does not model
     */
    public SwarmSpec {
        labels = Copies.copy(labels);
        extras = Copies.copy(extras);
    }

    /** {@return whether managers lock their keys at rest and need {@code docker swarm unlock} after a restart} */
    public boolean autolock() {
        return encryptionConfig != null && encryptionConfig.autoLockManagers();
    }

    /** All components, secret-looking labels masked. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /**
     * Task history ({@code docker swarm update --task-history-limit}).
     *
     * @param taskHistoryRetentionLimit how many ended tasks of each slot are kept
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Orchestration(
            @JsonProperty("TaskHistoryRetentionLimit") long taskHistoryRetentionLimit,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param taskHistoryRetentionLimit how many ended tasks of each slot are kept
         * @param extras every field this record does not model
         */
        public Orchestration {
            extras = Copies.copy(extras);
        }
    }

    /**
     * Raft settings ({@code --snapshot-interval}, {@code --max-snapshots}).
     *
     * @param snapshotInterval log entries between snapshots
     * @param keepOldSnapshots snapshots kept beyond the current one
     * @param logEntriesForSlowFollowers log entries kept for slow followers after a snapshot
     * @param electionTick ticks a follower waits for the leader before calling an election
     * @param heartbeatTick ticks between the leader's heartbeats
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Raft(
            @JsonProperty("SnapshotInterval") long snapshotInterval,
            @JsonProperty("KeepOldSnapshots") long keepOldSnapshots,
            @JsonProperty("LogEntriesForSlowFollowers") long logEntriesForSlowFollowers,
            @JsonProperty("ElectionTick") int electionTick,
            @JsonProperty("HeartbeatTick") int heartbeatTick,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param snapshotInterval log entries between snapshots
         * @param keepOldSnapshots snapshots kept beyond the current one
         * @param logEntriesForSlowFollowers log entries kept for slow followers after a snapshot
         * @param electionTick ticks a follower waits for the leader before calling an election
         * @param heartbeatTick ticks between the leader's heartbeats
         * @param extras every field this record does not model
         */
        public Raft {
            extras = Copies.copy(extras);
        }
    }

    /**
     * Dispatcher settings ({@code --dispatcher-heartbeat}).
     *
     * @param heartbeatPeriod how often a node reports to the managers, in nanoseconds
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dispatcher(
            @JsonProperty("HeartbeatPeriod") long heartbeatPeriod,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param heartbeatPeriod how often a node reports to the managers, in nanoseconds
         * @param extras every field this record does not model
         */
        public Dispatcher {
            extras = Copies.copy(extras);
        }

        /** {@return the heartbeat period as a duration} */
        public Duration heartbeat() {
            return Duration.ofNanos(heartbeatPeriod);
        }
    }

    /**
     * Certificate authority settings ({@code --cert-expiry}, {@code --external-ca}). {@link #toString()} masks the
     * signing key.
     *
     * @param nodeCertExpiry how long node certificates are valid, in nanoseconds
     * @param externalCas the external CAs that sign node certificates, if any
     * @param signingCaCert the PEM certificate of the swarm's root CA when set by the user, else null
     * @param signingCaKey the PEM key of the swarm's root CA when set by the user, else null
     * @param forceRotate raised to force a root CA rotation
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaConfig(
            @JsonProperty("NodeCertExpiry") long nodeCertExpiry,
            @JsonProperty("ExternalCAs") List<ExternalCa> externalCas,
            @JsonProperty("SigningCACert") @Nullable String signingCaCert,
            @JsonProperty("SigningCAKey") @Nullable String signingCaKey,
            @JsonProperty("ForceRotate") long forceRotate,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code externalCas} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param nodeCertExpiry how long node certificates are valid, in nanoseconds
         * @param externalCas the external CAs that sign node certificates, if any
         * @param signingCaCert the PEM certificate of the swarm's root CA when set by the user, else null
         * @param signingCaKey the PEM key of the swarm's root CA when set by the user, else null
         * @param forceRotate raised to force a root CA rotation
         * @param extras every field this record does not model
         */
        public CaConfig {
            externalCas = Copies.copy(externalCas);
            extras = Copies.copy(extras);
        }

        /** {@return how long node certificates are valid} */
        public Duration certExpiry() {
            return Duration.ofNanos(nodeCertExpiry);
        }

        /** All components, the signing key masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * An external certificate authority ({@code --external-ca}).
     *
     * @param protocol how to talk to it: {@code cfssl}
     * @param url where certificate signing requests go
     * @param options the protocol's options
     * @param caCert the PEM root certificate it issues from
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExternalCa(
            @JsonProperty("Protocol") String protocol,
            @JsonProperty("URL") String url,
            @JsonProperty("Options") Map<String, String> options,
            @JsonProperty("CACert") String caCert,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code options} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param protocol how to talk to it: {@code cfssl}
         * @param url where certificate signing requests go
         * @param options the protocol's options
         * @param caCert the PEM root certificate it issues from
         * @param extras every field this record does not model
         */
        public ExternalCa {
            options = Copies.copy(options);
            extras = Copies.copy(extras);
        }

        /** All components, secret-looking options masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * Encryption settings ({@code --autolock}).
     *
     * @param autoLockManagers whether managers lock their keys at rest
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EncryptionConfig(
            @JsonProperty("AutoLockManagers") boolean autoLockManagers,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param autoLockManagers whether managers lock their keys at rest
         * @param extras every field this record does not model
         */
        public EncryptionConfig {
            extras = Copies.copy(extras);
        }
    }

    /**
     * Defaults of every task.
     *
     * @param logDriver the log driver of the tasks' containers, or null for the engines' own
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskDefaults(
            @JsonProperty("LogDriver") @Nullable LogDriver logDriver,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param logDriver the log driver of the tasks' containers, or null for the engines' own
         * @param extras every field this record does not model
         */
        public TaskDefaults {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A log driver and its options ({@code --log-driver}, {@code --log-opt}).
     *
     * @param name such as {@code json-file}
     * @param options the driver's options
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LogDriver(
            @JsonProperty("Name") String name,
            @JsonProperty("Options") Map<String, String> options,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code options} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name such as {@code json-file}
         * @param options the driver's options
         * @param extras every field this record does not model
         */
        public LogDriver {
            options = Copies.copy(options);
            extras = Copies.copy(extras);
        }

        /** All components, secret-looking options masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }
}

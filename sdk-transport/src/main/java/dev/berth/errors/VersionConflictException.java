package dev.berth.errors;


/**
 * A swarm update named a stale version: the object (swarm, node, service, secret, config) changed since it was read.
 * Read it again, reapply the change, and send it with the new {@code Version.Index}.
 *
 * <p>Engine 20.10 answers such an update with HTTP 500 and {@code rpc error: code = Unknown desc = update out of
 * sequence}; Berth raises this exception instead of a {@link ServerErrorException}. As a {@link ConflictException}
 * its {@link #status()} is 409, what the condition is, not the 500 the daemon sent; {@link #daemonMessage()} is the
 * daemon's text.
 *
 * <pre>{@code
 * try {
 *     services.update(id, staleVersion, spec);
 * } catch (VersionConflictException e) {
 *     ServiceDetails now = services.inspect(id);
 *     services.update(id, now.versionIndex(), now.spec().toBuilder().replicas(5).build());
 * }
 * services.update(id, spec -> spec.toBuilder().replicas(5).build());   // the same, retrying by itself
 * }</pre>
 */
public class VersionConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public VersionConflictException(String daemonMessage, String request) {
        super(daemonMessage, request);
    }
}

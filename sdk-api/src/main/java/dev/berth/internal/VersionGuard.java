package dev.berth.internal;

import dev.berth.errors.ServerErrorException;
import dev.berth.errors.VersionConflictException;
import java.util.function.Supplier;

/** Swarm updates carry the object's version; the daemon's "update out of sequence" means another writer won. */
public final class VersionGuard {
    private VersionGuard() {
    }

    /** Runs a versioned update, turning the daemon's "update out of sequence" into this exception. */
    public static <T> T guard(Supplier<T> update) {
        try {
            return update.get();
        } catch (ServerErrorException e) {
            if (e.daemonMessage().contains("out of sequence")) {
                throw new VersionConflictException(e.daemonMessage(), e.request());
            }
            throw e;
        }
    }
}

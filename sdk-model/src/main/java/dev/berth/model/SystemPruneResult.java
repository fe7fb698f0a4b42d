package dev.berth.model;

import java.util.List;

/**
 * What {@code docker system prune --volumes} removed: the answers of its five prunes, in the order they ran.
 * Berth puts it together from {@code POST /containers/prune}, {@code /networks/prune}, {@code /volumes/prune},
 * {@code /images/prune} and {@code /build/prune}; there is no such answer on the wire.
 *
 * <pre>{@code
 * SystemPruneResult r = docker.system().prune(Filters.label("ci-run=42"));
 * r.containersDeleted();   // [8dfafdbc3a40...]
 * r.spaceReclaimed();      // bytes, all prunes together
 * }</pre>
 *
 * @param containersDeleted the ids of the removed containers
 * @param networksDeleted the names of the removed networks
 * @param volumesDeleted the names of the removed volumes
 * @param imagesDeleted the image names untagged and the image ids deleted, as {@code docker rmi} reports them
 * @param buildCacheDeleted the ids of the removed build cache records
 * @param spaceReclaimed the disk space freed by all five, in bytes
 */
public record SystemPruneResult(
        List<String> containersDeleted,
        List<String> networksDeleted,
        List<String> volumesDeleted,
        List<ImageRemoval> imagesDeleted,
        List<String> buildCacheDeleted,
        long spaceReclaimed) {

    /**
     * Copies the lists, unmodifiable; null becomes empty.
     *
     * @param containersDeleted the ids of the removed containers
     * @param networksDeleted the names of the removed networks
     * @param volumesDeleted the names of the removed volumes
     * @param imagesDeleted the image names untagged and the image ids deleted, as {@code docker rmi} reports them
     * @param buildCacheDeleted the ids of the removed build cache records
     * @param spaceReclaimed the disk space freed by all five, in bytes
     */
    public SystemPruneResult {
        containersDeleted = Copies.copy(containersDeleted);
        networksDeleted = Copies.copy(networksDeleted);
        volumesDeleted = Copies.copy(volumesDeleted);
        imagesDeleted = Copies.copy(imagesDeleted);
        buildCacheDeleted = Copies.copy(buildCacheDeleted);
    }
}

package dev.berth.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds pull or push {@link ProgressEvent}s into what a progress bar needs: each layer's phase and bytes, and the
 * bytes transferred over all layers. Feed it events (it is a {@code Consumer}); read it from the same thread or after
 * the transfer.
 *
 * <pre>{@code
 * TransferProgress p = new TransferProgress();
 * docker.images().pull("127.0.0.1:5000/app:1", p.andThen(e -> render(p.fraction())));
 * p.totalBytes();   // bytes of all layers that were transferred
 * }</pre>
 */
public final class TransferProgress implements Consumer<ProgressEvent> {
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private String phase = "";

    /** An empty tally, to hand to a pull, push, save or load as its progress consumer. */
    public TransferProgress() {
    }

    /**
     * One layer's state.
     *
     * @param id the layer id (short digest)
     * @param phase its latest status, such as {@code Downloading}, {@code Extracting}, {@code Pull complete}
     * @param current bytes transferred so far
     * @param total bytes in all, 0 when unknown
     * @param done whether the layer needs nothing more (complete, already existing, pushed, mounted)
     */
    public record Layer(String id, String phase, long current, long total, boolean done) {
    }

    @Override
    public void accept(ProgressEvent e) {
        if (e.status() != null) {
            phase = e.status();
        }
        if (e.id() == null || e.status() == null || e.aux() != null || isAboutTheImage(e.status())) {
            return;
        }
        String status = e.status();
        Layer old = layers.get(e.id());
        long current = old == null ? 0 : old.current();
        long total = old == null ? 0 : old.total();
        boolean transferring = status.startsWith("Downloading") || status.startsWith("Pushing");
        if (transferring && e.hasBytes()) {
            total = Math.max(total, e.total());
            // a push counts tar headers too, so its count can pass the layer's size: never show more than all
            current = total > 0 ? Math.min(e.current(), total) : e.current();
        }
        boolean done = isDone(status);
        if (done && total > 0) {
            current = total;
        }
        layers.put(e.id(), new Layer(e.id(), status, current, total, done || old != null && old.done()));
    }

    /** Lines about the image or tag as a whole ({@code Pulling from repo}, {@code Digest: ...}), not a layer. */
    private static boolean isAboutTheImage(String status) {
        return status.startsWith("Pulling from") || status.startsWith("Digest:") || status.startsWith("Status:")
                || status.startsWith("The push refers to");
    }

    private static boolean isDone(String status) {
        return status.equals("Pull complete") || status.equals("Already exists") || status.equals("Pushed")
                || status.equals("Layer already exists") || status.startsWith("Mounted from")
                || status.equals("Download complete");
    }

    /** {@return the layers seen so far, by id, in order of first appearance} */
    public Map<String, Layer> layers() {
        return Collections.unmodifiableMap(layers);
    }

    /**
     * {@return the latest status seen (the overall phase, such as {@code Downloading} or {@code Digest: sha256:...});
     * empty before the first}
     */
    public String phase() {
        return phase;
    }

    /** {@return the bytes transferred over all layers} */
    public long currentBytes() {
        return layers.values().stream().mapToLong(Layer::current).sum();
    }

    /** {@return the bytes to transfer over all layers whose size is known} */
    public long totalBytes() {
        return layers.values().stream().mapToLong(Layer::total).sum();
    }

    /** {@return the done fraction, from 0 to 1: by bytes when sizes are known, else by layers} */
    public double fraction() {
        long total = totalBytes();
        if (total > 0) {
            return Math.min(1.0, (double) currentBytes() / total);
        }
        if (layers.isEmpty()) {
            return 0;
        }
        return (double) layers.values().stream().filter(Layer::done).count() / layers.size();
    }

    @Override
    public String toString() {
        return "TransferProgress[" + phase + ", " + currentBytes() + "/" + totalBytes() + " bytes, " + layers.size()
                + " layers]";
    }
}

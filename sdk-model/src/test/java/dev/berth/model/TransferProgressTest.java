package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransferProgressTest {

    private static ProgressEvent event(String id, String status, long current, long total) {
        return new ProgressEvent(status, id, total > 0 || current > 0 ? new ProgressEvent.Detail(current, total) : null,
                null, null);
    }

    @Test
    void pullFoldsLayersAndIgnoresTheTagLine() {
        TransferProgress p = new TransferProgress();
        p.accept(event("1.0", "Pulling from team/app", 0, 0));
        p.accept(event("a1", "Pulling fs layer", 0, 0));
        p.accept(event("b2", "Pulling fs layer", 0, 0));
        p.accept(event("a1", "Downloading", 500, 1000));
        p.accept(event("b2", "Downloading", 100, 4000));
        assertEquals(2, p.layers().size(), "the tag line is not a layer");
        assertEquals(600, p.currentBytes());
        assertEquals(5000, p.totalBytes());
        p.accept(event("a1", "Pull complete", 0, 0));
        p.accept(event("b2", "Downloading", 4000, 4000));
        p.accept(event("b2", "Extracting", 2000, 4000));
        p.accept(event("b2", "Pull complete", 0, 0));
        p.accept(event(null, "Digest: sha256:abc", 0, 0));
        assertEquals(5000, p.currentBytes());
        assertEquals(1.0, p.fraction(), 1e-9);
        assertEquals("Digest: sha256:abc", p.phase());
    }

    @Test
    void pushCountsNeverPassTheLayerSize() {
        TransferProgress p = new TransferProgress();
        p.accept(event("c3", "Preparing", 0, 0));
        p.accept(event("c3", "Pushing", 5_300_000, 5_100_000));
        assertEquals(5_100_000, p.currentBytes());
        p.accept(event("c3", "Pushed", 0, 0));
        assertEquals(1.0, p.fraction(), 1e-9);
    }

    @Test
    void layersWithoutSizesCountByState() {
        TransferProgress p = new TransferProgress();
        p.accept(event("a", "Layer already exists", 0, 0));
        p.accept(event("b", "Waiting", 0, 0));
        assertEquals(0.5, p.fraction(), 1e-9);
    }
}

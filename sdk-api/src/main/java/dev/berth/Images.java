package dev.berth;

import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.JsonStream;
import dev.berth.transport.NotFoundException;
import dev.berth.transport.Transport;
import java.util.Map;

/**
 * The image half of the {@code docker} CLI. For now: whether an image exists, and pull, which {@code run} uses
 * when an image is missing.
 *
 * <pre>{@code
 * docker.images().pull("127.0.0.1:5000/team/app:1.0");
 * }</pre>
 */
public final class Images {
    private final Transport transport;

    Images(Transport transport) {
        this.transport = transport;
    }

    /** Whether the daemon has the image ({@code docker image inspect} succeeds). */
    public boolean exists(String reference) {
        try {
            transport.send(ApiRequest.get("/images/{name}/json", reference).build()).discard();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * {@code docker pull NAME[:TAG|@DIGEST]}; an empty tag means {@code latest}. Blocks until the daemon has the
     * image; an error reported inside the progress stream raises {@link dev.berth.transport.StreamException}.
     */
    public void pull(String reference) {
        ImageReference ref = ImageReference.parse(reference);
        ApiResponse r = transport.send(ApiRequest.post("/images/create").query("fromImage", ref.repository())
                .query("tag", ref.tagOrDigest()).streaming().build());
        try (JsonStream<Map> progress = JsonStream.of(r.body(), Map.class, r.request())) {
            progress.forEachRemaining(event -> { });
        }
    }
}

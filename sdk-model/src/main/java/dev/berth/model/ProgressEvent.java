package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of a pull, push, load, import or build progress stream, as the daemon sends it: a status line for a
 * layer ({@code id}) with byte counts, a line of build output ({@code stream}), or a result ({@code aux}). Errors in
 * the stream never arrive as events: they raise {@code StreamException}.
 *
 * <pre>{@code
 * docker.images().pull("127.0.0.1:5000/app:1", event -> {
 *     if (event.hasBytes()) System.out.println(event.id() + " " + event.current() + "/" + event.total());
 * });
 * }</pre>
 *
 * @param status the status, such as {@code Downloading}, {@code Pull complete}, {@code Pushed}; null in build
 *        output and results
 * @param id the layer or image the status is about, or null
 * @param detail byte counts ({@code current}, {@code total}), or null
 * @param stream a chunk of build output, or null
 * @param aux a result: the built image id ({@code ID}), the pushed digest ({@code Tag}, {@code Digest}, {@code Size});
 *        null in the other messages
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressEvent(
        @JsonProperty("status") @Nullable String status,
        @JsonProperty("id") @Nullable String id,
        @JsonProperty("progressDetail") @Nullable Detail detail,
        @JsonProperty("stream") @Nullable String stream,
        @JsonProperty("aux") @Nullable Aux aux) {

    /**
     * A result in the stream: what a push pushed, or the id an import, commit or classic build made.
     *
     * @param tag the pushed tag ({@code Tag}), or empty
     * @param digest the pushed manifest's digest ({@code Digest}, {@code sha256:...}), or empty
     * @param size the pushed manifest's size in bytes ({@code Size}), or 0
     * @param id the image id ({@code ID}), or empty
     * @param extras fields this record does not model, kept as the daemon sent them
     */
    public record Aux(
            @JsonProperty("Tag") String tag,
            @JsonProperty("Digest") String digest,
            @JsonProperty("Size") long size,
            @JsonProperty("ID") String id,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Absent texts become empty; copies {@code extras}, unmodifiable.
         *
         * @param tag the pushed tag, or empty
         * @param digest the pushed manifest's digest, or empty
         * @param size the pushed manifest's size in bytes, or 0
         * @param id the image id, or empty
         * @param extras fields this record does not model
         */
        public Aux {
            tag = tag == null ? "" : tag;
            digest = digest == null ? "" : digest;
            id = id == null ? "" : id;
            extras = Copies.copy(extras);
        }
    }

    /**
     * Byte counts of a layer's download, extraction or upload.
     *
     * @param current bytes done
     * @param total bytes in all, or 0 when unknown
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@JsonProperty("current") long current, @JsonProperty("total") long total) {
    }

    /** {@return whether this event carries byte counts} */
    public boolean hasBytes() {
        return detail != null && (detail.current() > 0 || detail.total() > 0);
    }

    /** {@return the bytes done, or 0} */
    public long current() {
        return detail == null ? 0 : detail.current();
    }

    /** {@return the bytes in all, or 0 when unknown} */
    public long total() {
        return detail == null ? 0 : detail.total();
    }

    /** The status line as the CLI shows it: {@code id: status} or the build output. */
    @Override
    public String toString() {
        if (stream != null) {
            return stream;
        }
        return (id != null ? id + ": " : "") + (status != null ? status : "")
                + (hasBytes() ? " " + current() + "/" + total() : "") + (aux != null ? " " + aux : "");
    }
}

package dev.berth.transport;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records shaped like Berth's models, for {@link RecordReaderTest}: public, so that the reader may make them. */
public final class RecordSamples {
    private RecordSamples() {
    }

    /** A kind Jackson reads by name: a type the record reader leaves to the mapper. */
    public enum Kind {
        ALPHA, BETA
    }

    /** A nested record with its own extras. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Inner(@JsonProperty("Name") String name, @JsonProperty("Size") long size,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {
    }

    /** Every kind of component the reader reads itself, and two it leaves to the mapper. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outer(@JsonProperty("Id") String id, @JsonProperty("Count") int count,
            @JsonProperty("Ratio") double ratio, @JsonProperty("On") boolean on, @JsonProperty("Maybe") Boolean maybe,
            @JsonProperty("Big") Long big, @JsonProperty("Tags") List<String> tags,
            @JsonProperty("Labels") Map<String, String> labels, @JsonProperty("Inner") Inner inner,
            @JsonProperty("Inners") List<Inner> inners, @JsonProperty("ByName") Map<String, Inner> byName,
            @JsonProperty("Any") Object any, @JsonProperty("Kind") Kind kind, @JsonProperty("Uuid") UUID uuid,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {
    }

    /** A record that contains itself. */
    public record Node(@JsonProperty("Name") String name, @JsonProperty("Children") List<Node> children) {
    }

    /** A record with an annotation the reader does not read: the mapper reads it. */
    public record Aliased(@JsonProperty("Name") @JsonAlias("name") String name) {
    }

    /** Extras whose values Jackson converts to strings: the mapper reads it. */
    public record TextExtras(@JsonProperty("Id") String id,
            @JsonAnySetter @JsonAnyGetter Map<String, String> extras) {
    }

    /** A record whose constructor refuses some values. */
    public record Checked(@JsonProperty("Port") int port) {
        /** Refuses a port outside 0 to 65535. */
        public Checked {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** A record with an explicit canonical constructor, whose parameters carry no annotation. */
    public record Explicit(@JsonProperty("Id") String id) {
        /** @param id kept as is */
        @SuppressWarnings("checkstyle:RedundantModifier")
        public Explicit(String id) {
            this.id = id;
        }
    }
}

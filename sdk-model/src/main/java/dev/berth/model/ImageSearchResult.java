package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code docker search} ({@code GET /images/search}): a repository on Docker Hub.
 *
 * @param name the repository, such as {@code alpine} or {@code team/app}
 * @param description its short description, or empty
 * @param official whether it is one of Docker's official images ({@code [OK]} in the CLI's OFFICIAL column)
 * @param automated whether it has automated builds; always false on current Docker Hub (deprecated in the API)
 * @param starCount its stars
 * @param extras fields this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageSearchResult(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("is_official") boolean official,
        @JsonProperty("is_automated") boolean automated,
        @JsonProperty("star_count") long starCount,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty. A null description becomes {@code ""}.
     *
     * @param name the repository, such as {@code alpine} or {@code team/app}
     * @param description its short description, or empty
     * @param official whether it is one of Docker's official images ({@code [OK]} in the CLI's OFFICIAL column)
     * @param automated whether it has automated builds; always false on current Docker Hub (deprecated in the API)
     * @param starCount its stars
     * @param extras fields this record does not model
     */
    public ImageSearchResult {
        description = description == null ? "" : description;
        extras = Copies.copy(extras);
    }
}

package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes running in a container, as {@code docker top} shows them ({@code GET /containers/{id}/top}).
 *
 * <pre>{@code
 * TopResult top = docker.containers().top("web");
 * top.titles();                    // [UID, PID, PPID, C, STIME, TTY, TIME, CMD]
 * top.rows().get(0).get("CMD");    // "/bin/bash"
 * }</pre>
 *
 * @param titles the {@code ps} column titles
 * @param processes one row per process, one value per title
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopResult(@JsonProperty("Titles") List<String> titles,
                        @JsonProperty("Processes") List<List<String>> processes) {

    /**
     * Copies {@code titles} and {@code processes} (each row too), unmodifiable; null becomes empty.
     *
     * @param titles the {@code ps} column titles
     * @param processes one row per process, one value per title
     */
    public TopResult {
        titles = Copies.copy(titles);
        if (processes == null) {
            processes = List.of();
        } else {
            List<List<String>> rows = new ArrayList<>(processes.size());
            for (List<String> row : processes) {
                rows.add(Copies.copy(row));
            }
            processes = Collections.unmodifiableList(rows);
        }
    }

    /**
     * Each process as a map from column title to value, in column order. A row shorter than the titles lacks
     * the missing columns; values beyond the last title are left out.
     *
     * @return one unmodifiable map per process
     */
    public List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>(processes.size());
        for (List<String> process : processes) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < titles.size() && i < process.size(); i++) {
                row.put(titles.get(i), process.get(i));
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }
}

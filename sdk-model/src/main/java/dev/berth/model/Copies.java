package dev.berth.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep JSON nulls out of records: a missing list or map becomes an empty one. */
final class Copies {
    private Copies() {
    }

    static <T> List<T> copy(List<T> list) {
        // most lists and maps of an answer are empty (the extras of nested records above all): no copy for those
        return list == null || list.isEmpty() ? List.of()
                : Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null || map.isEmpty() ? Map.of() : FrozenMap.copyOf(map);
    }
}

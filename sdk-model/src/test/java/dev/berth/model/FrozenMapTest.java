package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FrozenMap}: a map as {@code LinkedHashMap} is one, in the copied order, that nothing can change. */
class FrozenMapTest {

    private static LinkedHashMap<String, Object> source(int size) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = size; i > 0; i--) { // not in hash order
            m.put("key" + i * 7, i % 3 == 0 ? null : "value" + i);
        }
        return m;
    }

    @Test
    void smallAndIndexedMapsAnswerAsTheMapTheyCopy() {
        for (int size : new int[] {1, 2, FrozenMap.SCANNED, FrozenMap.SCANNED + 1, 40}) {
            LinkedHashMap<String, Object> source = source(size);
            Map<String, Object> copy = FrozenMap.copyOf(source);
            assertEquals(source, copy);
            assertEquals(copy, source);
            assertEquals(source.hashCode(), copy.hashCode());
            assertEquals(source.toString(), copy.toString());
            assertEquals(new ArrayList<>(source.keySet()), new ArrayList<>(copy.keySet()), "the copied order");
            assertEquals(new ArrayList<>(source.values()), new ArrayList<>(copy.values()));
            for (String key : source.keySet()) {
                assertEquals(source.get(key), copy.get(key), key);
                assertTrue(copy.containsKey(key), key);
            }
            assertNull(copy.get("absent"));
            assertFalse(copy.containsKey("absent"));
            assertFalse(copy.containsKey(null));
            assertEquals(size, copy.size());
        }
    }

    @Test
    void nullKeysAndValuesAreKeptAsLinkedHashMapKeepsThem() {
        LinkedHashMap<String, Object> source = new LinkedHashMap<>();
        source.put(null, "n");
        source.put("gone", null);
        Map<String, Object> copy = FrozenMap.copyOf(source);
        assertEquals("n", copy.get(null));
        assertTrue(copy.containsKey("gone"));
        assertTrue(copy.containsValue(null));
        assertEquals(source, copy);
    }

    @Test
    void nothingChangesTheCopy() {
        LinkedHashMap<String, Object> source = source(12);
        Map<String, Object> copy = FrozenMap.copyOf(source);
        Map<String, Object> before = new LinkedHashMap<>(copy);
        source.put("added", "later");
        source.clear();
        assertEquals(before, copy, "the copy does not follow its source");
        assertThrows(UnsupportedOperationException.class, () -> copy.put("k", "v"));
        assertThrows(UnsupportedOperationException.class, () -> copy.remove("key7"));
        assertThrows(UnsupportedOperationException.class, copy::clear);
        assertThrows(UnsupportedOperationException.class, () -> copy.entrySet().iterator().next().setValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = copy.keySet().iterator();
            it.next();
            it.remove();
        });
        assertThrows(UnsupportedOperationException.class, () -> copy.values().removeIf(v -> true));
        assertEquals(before, copy);
    }

    @Test
    void recordsKeepTheirMapsFrozen() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>(Map.of("a", "1"));
        ContainerSummary c = new ContainerSummary("id", List.of(), "img", "sha", "cmd", 0, "running", "Up",
                List.of(), labels, null, null, Map.of());
        labels.put("b", "2");
        assertEquals(Map.of("a", "1"), c.labels());
        assertThrows(UnsupportedOperationException.class, () -> c.labels().put("c", "3"));
    }
}

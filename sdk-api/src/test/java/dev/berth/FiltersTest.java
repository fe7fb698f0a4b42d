package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
    @Test
    void keysKeepTheirOrderAndValuesAreMergedOnce() {
        Filters f = Filters.label("team=web").and("status", "exited", "dead").andLabel("team=web").andLabel("tier");
        assertEquals(Map.of("label", List.of("team=web", "tier"), "status", List.of("exited", "dead")), f.asMap());
        assertEquals(List.of("label", "status"), List.copyOf(f.keys()));
        assertEquals("Filters[label=team=web|tier, status=exited|dead]", f.toString());
    }

    @Test
    void valuesAreImmutableAndCompareByContent() {
        Filters a = Filters.of("dangling", "true");
        Filters b = a.and("label", "x");
        assertEquals(List.of(), a.values("label"));
        assertEquals(b, Filters.of("dangling", "true").andLabel("x"));
        assertSame(Filters.none(), b.without("label").without("dangling"));
        assertTrue(Filters.none().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> b.asMap().put("k", List.of()));
    }

    @Test
    void emptyKeysAndMissingValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Filters.of(""));
        assertThrows(IllegalArgumentException.class, () -> Filters.of("label"));
        assertThrows(NullPointerException.class, () -> Filters.of("label", (String) null));
    }
}

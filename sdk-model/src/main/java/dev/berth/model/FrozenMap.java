package dev.berth.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The immutable copy of a map a record keeps: its entries in their order, in one array. Copying an answer's small
 * maps (labels, the extras of each record) into {@code LinkedHashMap}s cost a tenth of the CPU of reading a
 * container list; this copy is one array. Up to {@value #SCANNED} keys are found by comparing them in turn, more
 * through an index made on the first lookup. Null keys and values are kept, as {@code LinkedHashMap} keeps them.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {
    /** Up to this many keys, a lookup compares them in turn: cheaper than hashing for an answer's small maps. */
    static final int SCANNED = 8;

    /** Key, value, key, value... in the order of the map copied. */
    private final Object[] entries;
    /**
     * Keys to their positions, for a map of more than {@link #SCANNED} keys, made on its first lookup: most maps of an
     * answer are only read whole, if at all (the dozens of extras of a container's {@code HostConfig}). Racy on
     * purpose: an index is immutable, published through its final field, and two threads at worst make one each.
     */
    private @Nullable Index index;
    private @Nullable Set<Entry<K, V>> entrySet;

    private FrozenMap(Object[] entries) {
        this.entries = entries;
    }

    /** Each key's position in the entries. */
    private static final class Index {
        private final Map<Object, Integer> positions;

        Index(Object[] entries) {
            Map<Object, Integer> keys = new HashMap<>(entries.length);
            for (int i = 0; i < entries.length; i += 2) {
                keys.put(entries[i], i);
            }
            this.positions = keys;
        }
    }

    /** An immutable copy of {@code map}, in its iteration order. */
    static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        if (map instanceof FrozenMap) {
            return map; // immutable already: a record made from another record's map shares it
        }
        Object[] entries = new Object[map.size() * 2];
        int i = 0;
        for (Entry<K, V> e : map.entrySet()) {
            entries[i++] = e.getKey();
            entries[i++] = e.getValue();
        }
        if (i != entries.length) { // a map that changed while it was copied
            throw new java.util.ConcurrentModificationException();
        }
        return new FrozenMap<>(entries);
    }

    private int position(@Nullable Object key) {
        if (entries.length / 2 > SCANNED) {
            Index i = index;
            if (i == null) {
                i = new Index(entries);
                index = i;
            }
            Integer at = i.positions.get(key);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < entries.length; i += 2) {
            if (Objects.equals(entries[i], key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return entries.length / 2;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return position(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable V get(@Nullable Object key) {
        int at = position(key);
        return at < 0 ? null : (V) entries[at + 1];
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> set = entrySet;
        if (set == null) {
            set = new Entries();
            entrySet = set;
        }
        return set;
    }

    private final class Entries extends AbstractSet<Entry<K, V>> {
        @Override
        public int size() {
            return entries.length / 2;
        }

        @Override
        public Iterator<Entry<K, V>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < entries.length;
                }

                @Override
                @SuppressWarnings("unchecked")
                public Entry<K, V> next() {
                    if (next >= entries.length) {
                        throw new NoSuchElementException();
                    }
                    Entry<K, V> e = new SimpleImmutableEntry<>((K) entries[next], (V) entries[next + 1]);
                    next += 2;
                    return e;
                }
            };
        }
    }
}

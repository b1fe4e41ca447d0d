package dev.monitordash.core.store;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows to be committed in the endpoint table: each endpoint's id, and the HTTP
 * methods already stored for it. Lets the writer resolve names and skip method updates without a
 * query; only ever holds facts that stay true (ids don't change, methods only grow), and is cleared
 * after any failure in case the database was replaced.
 */
final class EndpointIds {

    /** Immutable; replaced as a whole when methods are added. */
    record Known(long id, Set<String> methods) {
    }

    private final ConcurrentHashMap<String, Known> byName = new ConcurrentHashMap<>();

    Known get(String name) {
        return byName.get(name);
    }

    /** Records a committed fact; merges methods with what another thread may have recorded meanwhile. */
    void put(String name, long id, Set<String> methods) {
        byName.merge(name, new Known(id, Set.copyOf(methods)), (old, add) -> {
            if (old.id() != add.id()) {
                return add; // the row was recreated (database replaced): the newer fact wins
            }
            if (old.methods().containsAll(add.methods())) {
                return old;
            }
            Set<String> union = new HashSet<>(old.methods());
            union.addAll(add.methods());
            return new Known(add.id(), Set.copyOf(union));
        });
    }

    void clear() {
        byName.clear();
    }
}

package dev.monitordash.core.store;

import dev.monitordash.core.record.Origin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The integer ids of origins (version, service, instance), users, client addresses and request kinds, which request
 * rows carry instead of the strings. Ids learned from the database are cached on the writer thread only
 * after their transaction commits ({@link #committed}), so a rolled-back insert never leaves an id behind.
 * The user and client caches are bounded (least recently used out): an application with millions of
 * client addresses must not grow our heap.
 */
final class Dictionaries {

    /** Entries per cache: a hit saves one small SELECT per new name in a batch. */
    static final int CACHE_SIZE = 20_000;

    /** A dictionary table of names: its table, name column and the ids learned by the current transaction. */
    static final class Names {
        private final String insert;
        private final String select;
        private final Map<String, Long> cache = lru(CACHE_SIZE);
        private final Map<String, Long> learned = new HashMap<>();

        Names(String table, String column) {
            this.insert = "INSERT INTO " + table + " (" + column + ") VALUES (?) ON CONFLICT (" + column + ") DO NOTHING";
            this.select = "SELECT id FROM " + table + " WHERE " + column + " = ?";
        }

        /** The ids of these names (null and repeated names allowed), inserting the missing ones. */
        Map<String, Long> ids(Connection c, Collection<String> names) throws SQLException {
            Map<String, Long> out = new HashMap<>();
            PreparedStatement ins = null;
            PreparedStatement sel = null;
            try {
                for (String name : names) {
                    if (name == null || out.containsKey(name)) {
                        continue;
                    }
                    Long id = cache.get(name);
                    if (id == null) {
                        id = learned.get(name);
                    }
                    if (id == null) {
                        if (ins == null) {
                            ins = c.prepareStatement(insert);
                            sel = c.prepareStatement(select);
                        }
                        id = insertOrSelect(ins, sel, name);
                        learned.put(name, id);
                    }
                    out.put(name, id);
                }
            } finally {
                close(ins, sel);
            }
            return out;
        }

        void committed() {
            cache.putAll(learned);
            learned.clear();
        }

        void clear() {
            cache.clear();
            learned.clear();
        }
    }

    final Names users = new Names("app_user", "name");
    final Names clients = new Names("client", "address");
    final RequestKinds kinds = new RequestKinds();
    /** Tests whose requests the writer tags (migration V8). */
    final Names tests = new Names("test_case", "name");
    private final Map<Origin, Long> origins = new HashMap<>();
    private final Map<Origin, Long> learnedOrigins = new HashMap<>();

    /**
     * The origin's id; a new origin also gets its {@code rollup_progress} row, starting at the largest
     * request id now: every row of the origin will have a larger one (its writer allocates after this).
     */
    long originId(Connection c, Origin origin) throws SQLException {
        Long id = origins.get(origin);
        if (id == null) {
            id = learnedOrigins.get(origin);
        }
        if (id != null) {
            return id;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO origin (version, service, instance) "
                + "VALUES (?, ?, ?) ON CONFLICT (version, service, instance) DO NOTHING");
             PreparedStatement sel = c.prepareStatement(
                     "SELECT id FROM origin WHERE version = ? AND service = ? AND instance = ?")) {
            for (PreparedStatement ps : new PreparedStatement[] {ins, sel}) {
                ps.setString(1, origin.version());
                ps.setString(2, origin.service());
                ps.setString(3, origin.instance());
            }
            ins.executeUpdate();
            try (ResultSet rs = sel.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("origin " + origin + " vanished while being stored");
                }
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_progress (origin_id, rolled_up_to, "
                + "written_to) SELECT ?, m, m FROM (SELECT COALESCE(MAX(id), 0) AS m FROM request) x "
                // WHERE: SQLite would read ON CONFLICT as a join's ON clause after a bare SELECT.
                + "WHERE true ON CONFLICT (origin_id) DO NOTHING")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        learnedOrigins.put(origin, id);
        return id;
    }

    /** After commit: what the transaction learned may be cached. */
    void committed() {
        users.committed();
        clients.committed();
        kinds.committed();
        tests.committed();
        origins.putAll(learnedOrigins);
        learnedOrigins.clear();
    }

    /** After a failure, or when the database may have been replaced: learn everything again. */
    void clear() {
        users.clear();
        clients.clear();
        kinds.clear();
        tests.clear();
        origins.clear();
        learnedOrigins.clear();
    }

    private static long insertOrSelect(PreparedStatement ins, PreparedStatement sel, String name) throws SQLException {
        ins.setString(1, name);
        ins.executeUpdate();
        sel.setString(1, name);
        try (ResultSet rs = sel.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("dictionary entry " + name + " vanished while being stored");
            }
            return rs.getLong(1);
        }
    }

    /** A cache that drops its least recently used entry beyond {@code capacity}. */
    static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private static void close(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement s : statements) {
            if (s != null) {
                s.close();
            }
        }
    }
}

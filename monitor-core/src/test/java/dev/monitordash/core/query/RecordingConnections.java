package dev.monitordash.core.query;

import dev.monitordash.core.testing.TestDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshot connections to a test database that note every statement the queries execute, with its
 * parameters: what a view really asks the database, to check its SQL and, on SQLite, its plan.
 */
final class RecordingConnections implements SnapshotConnections {

    /** One executed statement; parameters by index. */
    record Executed(String sql, Map<Integer, Object> params) {
    }

    private final TestDatabase database;
    private final String url;
    private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());

    RecordingConnections(TestDatabase database, String url) {
        this.database = database;
        this.url = url;
    }

    List<Executed> executed() {
        return List.copyOf(executed);
    }

    @Override
    public Connection openSnapshot() throws SQLException {
        Connection c = database.connect(url);
        c.setAutoCommit(false);
        return proxy(Connection.class, c, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (method.getName().equals("prepareStatement")) {
                return recording((String) args[0], (PreparedStatement) result);
            }
            return result;
        });
    }

    private PreparedStatement recording(String sql, PreparedStatement ps) {
        Map<Integer, Object> params = new TreeMap<>();
        return proxy(PreparedStatement.class, ps, (target, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                params.put(i, args[1] instanceof Integer type && name.equals("setNull") ? null : args[1]);
            } else if (name.startsWith("execute")) {
                executed.add(new Executed(sql, new TreeMap<>(params)));
            }
            return method.invoke(target, args);
        });
    }

    @FunctionalInterface
    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.on(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RecordingConnections.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}

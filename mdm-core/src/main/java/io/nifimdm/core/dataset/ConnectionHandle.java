package io.nifimdm.core.dataset;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection handed to a caller whose {@code close()} gives the underlying connection back to its owner (a pool,
 * or the database's list of open connections) instead of closing it, exactly once. Everything else, including
 * {@code unwrap} to the driver's own class, goes to the underlying connection.
 */
final class ConnectionHandle implements InvocationHandler {

    /** What happens to the underlying connection when the caller closes the handle. */
    @FunctionalInterface
    interface Release {
        void release(Connection underlying) throws SQLException;
    }

    private final Connection underlying;
    private final Release release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConnectionHandle(Connection underlying, Release release) {
        this.underlying = underlying;
        this.release = release;
    }

    static Connection wrap(Connection underlying, Release release) {
        return (Connection) Proxy.newProxyInstance(ConnectionHandle.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new ConnectionHandle(underlying, release));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (closed.compareAndSet(false, true)) {
                    release.release(underlying);
                }
                return null;
            }
            case "isClosed" -> {
                return closed.get() || underlying.isClosed();
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "MDM connection [" + underlying + "]";
            }
            default -> {
                if (closed.get() && method.getDeclaringClass() == Connection.class && !"isValid".equals(method.getName())) {
                    throw new SQLException("Connection is closed", "08003");
                }
                try {
                    return method.invoke(underlying, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }
}

package org.barebones.store.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Test support: counts every statement executed on the connections of the data sources it wraps,
 * sent through JDBI or plain JDBC (a batch counts once; BEGIN and COMMIT do not count). The
 * adapters send some statements through JDBI and the hot paths' through plain JDBC, so the count is
 * taken below both.
 */
final class StatementCounter {

  private final AtomicInteger statements = new AtomicInteger();

  /** {@code dataSource}, counting each statement executed on its connections. */
  DataSource wrap(DataSource dataSource) {
    return proxy(
        DataSource.class,
        dataSource,
        (method, result) ->
            method.getName().equals("getConnection")
                ? proxy(Connection.class, result, this::countingStatements)
                : result);
  }

  /** Starts counting again from zero. */
  void reset() {
    statements.set(0);
  }

  /** The statements executed since the last {@link #reset()}. */
  int count() {
    return statements.get();
  }

  private Object countingStatements(Method method, Object result) {
    return result instanceof PreparedStatement statement
        ? proxy(PreparedStatement.class, statement, (m, r) -> r)
        : result instanceof Statement statement
            ? proxy(Statement.class, statement, (m, r) -> r)
            : result;
  }

  /** A proxy of {@code target} that counts its execute calls and passes each result through. */
  private <T> T proxy(Class<T> type, Object target, BiFunction<Method, Object, Object> then) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getName().startsWith("execute")) {
            statements.incrementAndGet();
          }
          try {
            return then.apply(method, method.invoke(target, args));
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}

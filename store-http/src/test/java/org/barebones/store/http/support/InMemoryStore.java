package org.barebones.store.http.support;

import io.dropwizard.testing.junit5.ResourceExtension;
import java.util.function.Function;
import org.barebones.store.domain.Store;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support: a store in memory on a clock of its own, and the whole API over it in Jersey's
 * in-memory container. A test class keeps one in a {@code static @RegisterExtension} field: the
 * container starts before its first test and stops after its last.
 */
public final class InMemoryStore implements BeforeAllCallback, AfterAllCallback {

  private final MutableClock clock = new MutableClock(TestStores.START);
  private final Store store;
  private final ResourceExtension resources;

  private InMemoryStore(Function<MutableClock, Store> store) {
    this.store = store.apply(clock);
    this.resources = TestStores.resources(this.store);
  }

  /** {@link TestStores#store(MutableClock)}: in memory, cheap password hashes, real tokens. */
  public static InMemoryStore standard() {
    return new InMemoryStore(TestStores::store);
  }

  /** The store that {@code store} builds on the fixture's clock. */
  public static InMemoryStore of(Function<MutableClock, Store> store) {
    return new InMemoryStore(store);
  }

  public MutableClock clock() {
    return clock;
  }

  public Store store() {
    return store;
  }

  /** A client of the API, each answer checked against the OpenAPI document. */
  public Api api() {
    return new InMemoryApi(resources);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    rethrowing(resources::before);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    rethrowing(resources::after);
  }

  /** Dropwizard's extensions may throw any {@link Throwable}; JUnit callbacks only exceptions. */
  private interface Step {
    void run() throws Throwable;
  }

  private static void rethrowing(Step step) throws Exception {
    try {
      step.run();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}

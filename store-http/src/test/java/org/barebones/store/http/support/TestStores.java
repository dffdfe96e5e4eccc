package org.barebones.store.http.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Duration;
import java.time.Instant;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.usecase.LoginThrottle;
import org.barebones.store.http.HttpSettings;
import org.barebones.store.http.StoreHttp;
import org.barebones.store.http.auth.JjwtTokenService;

/** Fixtures: stores over in-memory adapters with real tokens, and the API in front of them. */
public final class TestStores {
  public static final byte[] SECRET =
      "test-secret-of-thirty-two-bytes!".getBytes(UTF_8); // exactly 32 bytes
  public static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  public static final Duration PRODUCER_TOKEN_LIFETIME = Duration.ofHours(24);
  public static final Duration CART_TOKEN_LIFETIME = Duration.ofDays(30);

  private TestStores() {}

  public static JjwtTokenService tokens(MutableClock clock) {
    return new JjwtTokenService(SECRET, PRODUCER_TOKEN_LIFETIME, CART_TOKEN_LIFETIME, clock);
  }

  /**
   * A store's builder set for tests: in memory, with a cheap password hash and tokens on {@code
   * clock}; a test changes what it is about (a login throttle, a currency, other tokens).
   */
  public static Store.Builder builder(MutableClock clock) {
    return Store.builder()
        .clock(clock)
        .inMemoryPersistence()
        .passwordHasher(new Pbkdf2PasswordHasher(1_000))
        .tokens(tokens(clock));
  }

  /** A store in memory, with a cheap password hash and tokens on {@code clock}. */
  public static Store store(MutableClock clock) {
    return builder(clock).build();
  }

  /** As {@link #store(MutableClock)}, with a login throttle of 3 failures per 15 minutes. */
  public static Store throttledStore(MutableClock clock) {
    return builder(clock)
        .loginThrottle(new LoginThrottle(clock, 3, Duration.ofMinutes(15)))
        .build();
  }

  /** A store over the given adapters (some of them doubles that fail). */
  public static Store store(MutableClock clock, StorePersistence persistence) {
    return builder(clock).persistence(persistence).build();
  }

  /** The whole API over {@code store}, in Jersey's in-memory container. */
  public static ResourceExtension resources(Store store, HttpSettings settings) {
    ResourceExtension.Builder builder =
        ResourceExtension.builder().setMapper(StoreHttp.configure(Jackson.newObjectMapper()));
    for (Object component : StoreHttp.components(store, settings)) {
      builder.addProvider(component);
    }
    return builder.build();
  }

  public static ResourceExtension resources(Store store) {
    return resources(store, HttpSettings.defaults());
  }
}

package org.barebones.store.domain.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;

/**
 * In-memory adapter: opaque random tokens remembered in this process, each with its caller and
 * expiry. For embedding and tests; a server uses signed tokens that survive a restart. It holds at
 * most {@code maxGrants} tokens: expired ones are forgotten as new ones are issued, and when that
 * is not enough, those closest to their expiry go first (their holders must log in or open a cart
 * again).
 */
public final class InMemoryTokenService implements TokenService {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private record Grant(Caller caller, Instant expiresAt) {}

  /** The default bound: about 20 MB of grants. */
  public static final int DEFAULT_MAX_GRANTS = 100_000;

  /** Expired grants are swept at least once per this many issues. */
  private static final int SWEEP_EVERY = 1_024;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration producerLifetime;
  private final Duration cartLifetime;
  private final int maxGrants;
  private final AtomicInteger issuedSinceSweep = new AtomicInteger();

  public InMemoryTokenService(Clock clock, Duration producerLifetime, Duration cartLifetime) {
    this(clock, producerLifetime, cartLifetime, DEFAULT_MAX_GRANTS);
  }

  public InMemoryTokenService(
      Clock clock, Duration producerLifetime, Duration cartLifetime, int maxGrants) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.producerLifetime = Objects.requireNonNull(producerLifetime, "producerLifetime");
    this.cartLifetime = Objects.requireNonNull(cartLifetime, "cartLifetime");
    if (maxGrants < 1) {
      throw new IllegalArgumentException("maxGrants must be at least 1");
    }
    this.maxGrants = maxGrants;
  }

  /** How many tokens are remembered now (expired ones not yet swept included). */
  public int size() {
    return grants.size();
  }

  @Override
  public String issueProducerToken(ProducerId producer) {
    return issue(new Caller.ProducerCaller(producer), producerLifetime);
  }

  @Override
  public String issueCartToken(CartId cart) {
    return issue(new Caller.CartHolder(cart), cartLifetime);
  }

  @Override
  public Caller verify(String token) {
    Grant grant = token == null ? null : grants.get(token);
    if (grant == null) {
      throw new UnauthenticatedException("Unknown token");
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      grants.remove(token);
      throw new UnauthenticatedException("Expired token");
    }
    return grant.caller();
  }

  private String issue(Caller caller, Duration lifetime) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = ENCODER.encodeToString(bytes);
    if (grants.size() >= maxGrants || issuedSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      makeRoom();
    }
    grants.put(token, new Grant(caller, clock.instant().plus(lifetime)));
    return token;
  }

  /** Forgets expired grants, then, while still full, those expiring soonest. */
  private synchronized void makeRoom() {
    issuedSinceSweep.set(0);
    Instant now = clock.instant();
    grants.values().removeIf(g -> !now.isBefore(g.expiresAt()));
    int excess = grants.size() - (maxGrants - 1);
    if (excess > 0) {
      grants.entrySet().stream()
          .sorted(Map.Entry.comparingByValue(Comparator.comparing(Grant::expiresAt)))
          .limit(excess)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(grants::remove);
    }
  }
}

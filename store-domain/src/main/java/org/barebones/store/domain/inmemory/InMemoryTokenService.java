package org.barebones.store.domain.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;

/**
 * In-memory adapter: opaque random tokens remembered in this process, each with its caller and
 * expiry. For embedding and tests; a server uses signed tokens that survive a restart.
 */
public final class InMemoryTokenService implements TokenService {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private record Grant(Caller caller, Instant expiresAt) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration producerLifetime;
  private final Duration cartLifetime;

  public InMemoryTokenService(Clock clock, Duration producerLifetime, Duration cartLifetime) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.producerLifetime = Objects.requireNonNull(producerLifetime, "producerLifetime");
    this.cartLifetime = Objects.requireNonNull(cartLifetime, "cartLifetime");
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
    grants.put(token, new Grant(caller, clock.instant().plus(lifetime)));
    return token;
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.Password;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.shared.UnauthenticatedException;

/**
 * Use case: a producer logs in with username and password. An unknown username and a wrong password
 * get the same answer after about the same work, so a caller cannot tell which it was.
 */
public final class LogInProducer {
  static final String FAILED = "Wrong username or password";

  private final ProducerRepository producers;
  private final ProductRepository products;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final PasswordHashingGate gate;
  private volatile String decoyHash;

  public LogInProducer(
      ProducerRepository producers,
      ProductRepository products,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle) {
    this(producers, products, hasher, tokens, throttle, PasswordHashingGate.open());
  }

  public LogInProducer(
      ProducerRepository producers,
      ProductRepository products,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle,
      PasswordHashingGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.producers = Objects.requireNonNull(producers, "producers");
    this.products = Objects.requireNonNull(products, "products");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
  }

  public AuthenticatedProducer logIn(LogInCommand command) {
    // The failure is counted before the check, so racing attempts cannot all pass the throttle.
    LoginThrottle.Attempt attempt = throttle.begin(command.username(), command.origin());
    Optional<Producer> found;
    boolean matches;
    try {
      found =
          Username.problemWith(command.username()) == null
              ? producers.findByUsername(new Username(command.username()))
              : Optional.empty();
      Password typed = Password.asTyped(command.password());
      // Verify against a decoy when the producer is unknown, so both failures cost the same.
      String against = found.map(Producer::passwordHash).orElseGet(this::decoyHash);
      matches = gate.run(command.origin(), () -> hasher.matches(typed, against));
    } catch (RuntimeException e) {
      attempt.cancelled();
      throw e;
    }
    if (found.isEmpty() || !matches) {
      attempt.failed();
      throw new UnauthenticatedException(FAILED);
    }
    attempt.succeeded();
    Producer producer = found.get();
    return new AuthenticatedProducer(
        ProducerProfiles.of(producer, products), tokens.issueProducerToken(producer.id()));
  }

  /** Made on first need, not at start-up: one full-cost hash is slow by design. */
  private String decoyHash() {
    String decoy = decoyHash;
    if (decoy == null) {
      decoy = hasher.decoyHash();
      decoyHash = decoy; // a race makes two equally good decoys; either will do
    }
    return decoy;
  }
}

package org.barebones.store.domain.usecase;

import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.UsernameTakenException;

/**
 * Use case: a seller signs up and is logged in at once, within the {@link SignUpLimit} of its
 * client address and the {@link PasswordHashingGate}.
 */
public final class RegisterProducer {
  private final ProducerRepository producers;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final SignUpLimit limit;
  private final PasswordHashingGate gate;

  public RegisterProducer(
      ProducerRepository producers, PasswordHasher hasher, TokenService tokens) {
    this(producers, hasher, tokens, SignUpLimit.off(), PasswordHashingGate.open());
  }

  public RegisterProducer(
      ProducerRepository producers,
      PasswordHasher hasher,
      TokenService tokens,
      SignUpLimit limit,
      PasswordHashingGate gate) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** A sign-up from no client address (an embedding caller): never limited per address. */
  public AuthenticatedProducer register(RegisterProducerCommand command) {
    return register(command, "");
  }

  /**
   * A sign-up from client address {@code origin}: past its {@link SignUpLimit}, or when no hashing
   * place comes free in time, {@link org.barebones.store.domain.shared.TooManyAttemptsException}.
   */
  public AuthenticatedProducer register(RegisterProducerCommand command, String origin) {
    Objects.requireNonNull(origin, "origin");
    // A cheap early answer; the repository still refuses a duplicate that races past this check.
    if (producers.findByUsername(command.username()).isPresent()) {
      throw new UsernameTakenException(command.username());
    }
    Runnable giveBack = limit.acquire(origin);
    String hash;
    try {
      hash = gate.run(origin, () -> hasher.hash(command.password()));
    } catch (RuntimeException e) {
      // No hash was made (the gate refused): the sign-up does not count.
      giveBack.run();
      throw e;
    }
    Producer producer = producers.add(new NewProducer(command.username(), hash));
    return new AuthenticatedProducer(
        new ProducerProfile(producer, List.of()), tokens.issueProducerToken(producer.id()));
  }
}

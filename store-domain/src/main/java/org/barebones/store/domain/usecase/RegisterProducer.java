package org.barebones.store.domain.usecase;

import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.UsernameTakenException;

/** Use case: a seller signs up and is logged in at once. */
public final class RegisterProducer {
  private final ProducerRepository producers;
  private final PasswordHasher hasher;
  private final TokenService tokens;

  public RegisterProducer(
      ProducerRepository producers, PasswordHasher hasher, TokenService tokens) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  public AuthenticatedProducer register(RegisterProducerCommand command) {
    // A cheap early answer; the repository still refuses a duplicate that races past this check.
    if (producers.findByUsername(command.username()).isPresent()) {
      throw new UsernameTakenException(command.username());
    }
    Producer producer =
        producers.add(new NewProducer(command.username(), hasher.hash(command.password())));
    return new AuthenticatedProducer(
        new ProducerProfile(producer, List.of()), tokens.issueProducerToken(producer.id()));
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.producer.Producer;

/** Result: a producer that just signed up or logged in, with its fresh token. */
public record AuthenticatedProducer(ProducerProfile profile, String token) {
  public AuthenticatedProducer {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(token, "token");
  }

  public Producer producer() {
    return profile.producer();
  }

  @Override
  public String toString() {
    return "AuthenticatedProducer[producer=" + profile.producer() + "]";
  }
}

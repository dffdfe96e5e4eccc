package org.barebones.store.domain.producer;

import java.util.Objects;

/** Value: a producer about to be stored, before it has an id. */
public record NewProducer(Username username, String passwordHash) {
  public NewProducer {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "NewProducer[username=" + username + "]";
  }
}

package org.barebones.store.domain.producer;

import java.util.Objects;

/**
 * Entity: a seller who logs in and manages its own products. The password hash is an encoded string
 * from the {@code PasswordHasher}; it never leaves the store.
 */
public record Producer(ProducerId id, Username username, String passwordHash) {
  public Producer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "Producer[id=" + id + ", username=" + username + "]";
  }
}

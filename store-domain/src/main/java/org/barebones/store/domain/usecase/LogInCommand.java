package org.barebones.store.domain.usecase;

import java.util.Objects;

/**
 * Command: log a producer in. The fields are taken as typed; any mismatch, malformed or not, fails
 * the same way. {@code origin} names where the attempt comes from (a client address), for
 * throttling; it may be empty.
 */
public record LogInCommand(String username, String password, String origin) {
  public LogInCommand {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    origin = Objects.requireNonNullElse(origin, "");
  }

  @Override
  public String toString() {
    return "LogInCommand[username=" + username + ", origin=" + origin + "]";
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.barebones.store.domain.usecase.LogInCommand;

/** Request body of login. Its {@code toString} hides the password. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogInRequest(String username, String password) {

  /** The command, with {@code origin} the client's address, for throttling. */
  public LogInCommand toCommand(String origin) {
    return new LogInCommand(username, password, origin);
  }

  @Override
  public String toString() {
    return "LogInRequest[username=" + username + ", password=<redacted>]";
  }
}

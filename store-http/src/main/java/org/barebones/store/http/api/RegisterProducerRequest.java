package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.barebones.store.domain.usecase.RegisterProducerCommand;

/** Request body of sign-up. Its {@code toString} hides the password. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterProducerRequest(String username, String password) {

  public RegisterProducerCommand toCommand() {
    return RegisterProducerCommand.of(username, password);
  }

  @Override
  public String toString() {
    return "RegisterProducerRequest[username=" + username + ", password=<redacted>]";
  }
}

package org.barebones.store.domain.usecase;

import org.barebones.store.domain.producer.Password;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.shared.Violations;

/** Command: sign up a producer. Checks every rule of both fields before failing. */
public record RegisterProducerCommand(Username username, Password password) {

  public static RegisterProducerCommand of(String username, String password) {
    Violations violations = new Violations();
    String usernameProblem = Username.problemWith(username);
    if (usernameProblem != null) {
      violations.add("username", usernameProblem);
    }
    String passwordProblem = Password.problemWith(password);
    if (passwordProblem != null) {
      violations.add("password", passwordProblem);
    }
    violations.throwIfAny();
    return new RegisterProducerCommand(new Username(username), Password.of(password));
  }

  @Override
  public String toString() {
    return "RegisterProducerCommand[username=" + username + "]";
  }
}

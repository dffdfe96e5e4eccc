package org.barebones.store.domain.producer;

import org.barebones.store.domain.shared.ConflictException;

/** Failure: another producer already has this username (compared ignoring case). */
public class UsernameTakenException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public UsernameTakenException(Username username) {
    super("username-taken", "Username taken", "The username '" + username + "' is taken");
  }
}

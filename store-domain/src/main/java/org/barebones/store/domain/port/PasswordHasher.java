package org.barebones.store.domain.port;

import org.barebones.store.domain.producer.Password;

/** Outgoing port: turns passwords into salted, slow, self-describing hashes and checks them. */
public interface PasswordHasher {

  /** A new hash of {@code password} with a fresh salt; the string names its own parameters. */
  String hash(Password password);

  /** Whether {@code password} matches {@code encodedHash}, compared in constant time. */
  boolean matches(Password password, String encodedHash);

  /**
   * A hash of some fixed password, made with the current parameters, to verify against when a
   * username is unknown so that login takes about as long either way.
   */
  String decoyHash();
}

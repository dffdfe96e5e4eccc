package org.barebones.store.domain.port;

import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;

/** Outgoing port: issues and verifies the bearer tokens of producers and carts. */
public interface TokenService {

  String issueProducerToken(ProducerId producer);

  String issueCartToken(CartId cart);

  /**
   * Who {@code token} names.
   *
   * @throws org.barebones.store.domain.shared.UnauthenticatedException if the token is malformed,
   *     tampered with, expired or not one this service issued
   */
  Caller verify(String token);
}

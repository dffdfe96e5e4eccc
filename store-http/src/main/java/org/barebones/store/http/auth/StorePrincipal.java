package org.barebones.store.http.auth;

import java.security.Principal;
import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;

/**
 * Who a verified bearer token names: the domain's {@link Caller} as a JAX-RS principal. An endpoint
 * asks for the kind it needs; the other kind of token is answered 401, as API.md wants (a role
 * check would answer 403).
 */
public record StorePrincipal(Caller caller) implements Principal {

  public StorePrincipal {
    Objects.requireNonNull(caller, "caller");
  }

  /** The producer this token names, or 401 if it is a cart token. */
  public ProducerId producerId() {
    if (caller instanceof Caller.ProducerCaller producer) {
      return producer.producerId();
    }
    throw new UnauthenticatedException("This endpoint needs a producer token");
  }

  /** The cart this token opens, or 401 if it is a producer token. */
  public CartId cartId() {
    if (caller instanceof Caller.CartHolder holder) {
      return holder.cartId();
    }
    throw new UnauthenticatedException("This endpoint needs a shopping cart token");
  }

  /** Shows up in request logs: the kind and id, never the token. */
  @Override
  public String getName() {
    if (caller instanceof Caller.ProducerCaller producer) {
      return "producer-" + producer.producerId();
    }
    return "cart-" + ((Caller.CartHolder) caller).cartId();
  }
}

package org.barebones.store.domain.port;

import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;

/** Value: who a verified token says the caller is: a producer, or the holder of one cart. */
public sealed interface Caller {

  /** A logged-in producer. */
  record ProducerCaller(ProducerId producerId) implements Caller {
    public ProducerCaller {
      Objects.requireNonNull(producerId, "producerId");
    }
  }

  /** The holder of one anonymous cart's token. */
  record CartHolder(CartId cartId) implements Caller {
    public CartHolder {
      Objects.requireNonNull(cartId, "cartId");
    }
  }
}

package org.barebones.store.domain.usecase;

import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.ProducerOrder;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Result of a cancellation: the order as it now is, who asked, the producers whose parts this very
 * call canceled (none for a repeat), and the units it gave back to stock.
 */
public record Cancellation(
    Order order, Caller caller, List<ProducerId> canceledByThisCall, int unitsRestocked) {
  public Cancellation {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(caller, "caller");
    canceledByThisCall = List.copyOf(canceledByThisCall);
  }

  /** What the calling producer sees of the order; only for a producer's cancellation. */
  public ProducerOrder producerOrder() {
    if (!(caller instanceof Caller.ProducerCaller producer)) {
      throw new IllegalStateException("the buyer canceled: it sees the whole order");
    }
    return order.viewFor(producer.producerId()).orElseThrow();
  }
}

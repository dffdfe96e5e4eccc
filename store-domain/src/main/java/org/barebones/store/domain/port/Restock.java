package org.barebones.store.domain.port;

import java.util.List;
import java.util.Map;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;

/**
 * Value: the outcome of {@link OrderRepository#cancelPending}: the producers whose parts this call
 * canceled, the units given back to each product that still exists ({@code returned}) and that
 * product's stock right after ({@code stockAfter}). A product whose stock after equals what it was
 * given back had none before.
 */
public record Restock(
    List<ProducerId> canceled,
    Map<ProductId, Integer> returned,
    Map<ProductId, Integer> stockAfter) {

  public static final Restock NOTHING = new Restock(List.of(), Map.of(), Map.of());

  public Restock {
    canceled = List.copyOf(canceled);
    returned = Map.copyOf(returned);
    stockAfter = Map.copyOf(stockAfter);
    if (!returned.keySet().equals(stockAfter.keySet())) {
      throw new IllegalArgumentException("returned and stockAfter name different products");
    }
  }

  /** Every unit given back, over all products. */
  public int units() {
    return returned.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The products that had no stock before this restock. */
  public List<ProductId> backInStock() {
    return returned.entrySet().stream()
        .filter(e -> stockAfter.get(e.getKey()).equals(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}

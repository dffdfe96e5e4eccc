package org.barebones.store.domain.order;

import java.util.List;
import java.util.stream.Collectors;
import org.barebones.store.domain.shared.ConflictException;

/** Failure: a checkout or cart change asks for more units than are in stock; lists every one. */
public class InsufficientStockException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final transient List<Shortage> shortages;

  public InsufficientStockException(List<Shortage> shortages) {
    super("insufficient-stock", "Insufficient stock", describe(shortages));
    this.shortages = List.copyOf(shortages);
  }

  public List<Shortage> shortages() {
    return shortages;
  }

  private static String describe(List<Shortage> shortages) {
    return shortages.stream()
        .map(
            s ->
                "Only "
                    + s.available()
                    + " of product "
                    + s.productId()
                    + " in stock, "
                    + s.requested()
                    + " requested")
        .collect(Collectors.joining("; "));
  }
}

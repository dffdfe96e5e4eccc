package org.barebones.store.domain.order;

import java.math.BigDecimal;
import java.util.List;
import org.barebones.store.domain.shared.ConflictException;
import org.barebones.store.domain.shared.Money;

/** Failure: the buyer's expected total no longer matches current prices; lists what moved. */
public class PriceChangedException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final transient List<PriceChange> changes;

  public PriceChangedException(BigDecimal expected, Money actual, List<PriceChange> changes) {
    super(
        "price-changed",
        "Price changed",
        "Expected a total of "
            + expected.toPlainString()
            + " but the current total is "
            + actual.amount().toPlainString());
    this.changes = List.copyOf(changes);
  }

  public List<PriceChange> changes() {
    return changes;
  }
}

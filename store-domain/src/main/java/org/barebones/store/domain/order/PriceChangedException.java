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
            + bounded(expected)
            + " but the current total is "
            + actual.amount().toPlainString());
    this.changes = List.copyOf(changes);
  }

  /** Plain digits for ordinary amounts; an exponent for absurd ones, which would be huge. */
  private static String bounded(BigDecimal amount) {
    return Math.abs(amount.scale()) <= 20 && amount.precision() <= 40
        ? amount.toPlainString()
        : amount.toString();
  }

  public List<PriceChange> changes() {
    return changes;
  }
}

package org.barebones.store.app;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.CancellationListener;
import org.barebones.store.domain.port.CheckoutListener;

/**
 * The store's own counters in Dropwizard's metric registry (so in {@code /metrics} and {@code
 * /metrics/prometheus}): orders placed, units sold, checkouts refused for stock or for price,
 * orders canceled (once per canceled part, like {@code order.canceled}) and units restocked by
 * them. They count what this server did since it started.
 */
final class StoreMetrics implements CheckoutListener, CancellationListener {
  static final String ORDERS_PLACED = "store.orders.placed";
  static final String UNITS_SOLD = "store.units.sold";
  static final String REFUSED_STOCK = "store.checkouts.refused.insufficient_stock";
  static final String REFUSED_PRICE = "store.checkouts.refused.price_changed";
  static final String ORDERS_CANCELED = "store.orders.canceled";
  static final String UNITS_RESTOCKED = "store.units.restocked";

  private final Counter ordersPlaced;
  private final Counter unitsSold;
  private final Counter refusedForStock;
  private final Counter refusedForPrice;
  private final Counter ordersCanceled;
  private final Counter unitsRestocked;

  StoreMetrics(MetricRegistry registry) {
    this.ordersPlaced = registry.counter(ORDERS_PLACED);
    this.unitsSold = registry.counter(UNITS_SOLD);
    this.refusedForStock = registry.counter(REFUSED_STOCK);
    this.refusedForPrice = registry.counter(REFUSED_PRICE);
    this.ordersCanceled = registry.counter(ORDERS_CANCELED);
    this.unitsRestocked = registry.counter(UNITS_RESTOCKED);
  }

  @Override
  public void canceled(Order order, int parts, int restocked) {
    ordersCanceled.inc(parts);
    unitsRestocked.inc(restocked);
  }

  @Override
  public void orderPlaced(Order order) {
    ordersPlaced.inc();
    long units = 0;
    for (OrderLine line : order.lines()) {
      units += line.quantity();
    }
    unitsSold.inc(units);
  }

  @Override
  public void checkoutRefused(Refusal refusal) {
    switch (refusal) {
      case INSUFFICIENT_STOCK -> refusedForStock.inc();
      case PRICE_CHANGED -> refusedForPrice.inc();
    }
  }
}

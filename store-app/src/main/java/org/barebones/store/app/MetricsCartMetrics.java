package org.barebones.store.app;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import org.barebones.store.domain.port.CartMetrics;

/**
 * Adapter: counts carts opened, refused by the creation limit and expired, as meters in the
 * server's metric registry ({@code store.carts.opened}, {@code .refused}, {@code .expired}).
 */
final class MetricsCartMetrics implements CartMetrics {

  static final String OPENED = "store.carts.opened";
  static final String REFUSED = "store.carts.refused";
  static final String EXPIRED = "store.carts.expired";

  private final Meter opened;
  private final Meter refused;
  private final Meter expired;

  MetricsCartMetrics(MetricRegistry registry) {
    this.opened = registry.meter(OPENED);
    this.refused = registry.meter(REFUSED);
    this.expired = registry.meter(EXPIRED);
  }

  @Override
  public void opened() {
    opened.mark();
  }

  @Override
  public void refused() {
    refused.mark();
  }

  @Override
  public void expired(int carts) {
    expired.mark(carts);
  }
}

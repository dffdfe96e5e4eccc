package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.Objects;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Use case: anyone opens an anonymous cart and gets its token, within the {@link CartCreationLimit}
 * of the client's address.
 */
public final class CreateCart {
  private final CartRepository carts;
  private final TokenService tokens;
  private final Clock clock;
  private final CartCreationLimit limit;
  private final CartMetrics metrics;

  public CreateCart(CartRepository carts, TokenService tokens, Clock clock) {
    this(carts, tokens, clock, CartCreationLimit.off(), CartMetrics.NONE);
  }

  public CreateCart(
      CartRepository carts,
      TokenService tokens,
      Clock clock,
      CartCreationLimit limit,
      CartMetrics metrics) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Opens a cart for a caller with no client address (an embedding service): never limited. */
  public OpenedCart create() {
    return create("");
  }

  /**
   * Opens a cart for the client at {@code clientAddress}.
   *
   * @throws TooManyAttemptsException if that address has opened its limit of carts in the window
   */
  public OpenedCart create(String clientAddress) {
    try {
      limit.acquire(clientAddress);
    } catch (TooManyAttemptsException e) {
      metrics.refused();
      throw e;
    }
    Cart cart = carts.create(clock.instant());
    metrics.opened();
    return new OpenedCart(cart, tokens.issueCartToken(cart.id()));
  }
}

package org.barebones.store.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Outgoing port: stores shopping carts and their lines. The line and status changes are meant for
 * open carts that exist; on a missing or checked-out cart an adapter may throw the domain's
 * not-found or cart-checked-out exception, or do nothing.
 */
public interface CartRepository {

  /** Stores a new, empty, open cart and gives it an id that is never reused. */
  Cart create(Instant createdAt);

  Optional<Cart> findById(CartId id);

  /**
   * Like {@link #findById}, and holds the cart exclusively until the current unit of work ends, so
   * no two units of work change one cart at once. Only meaningful inside {@link Transactions}.
   */
  Optional<Cart> lockById(CartId id);

  /**
   * Like {@link #lockById}, and also the products of the cart's lines that exist (by id), read
   * after the lock is held, so that the lines are every line committed before the lock was granted.
   * This default composes {@link #lockById} and {@link ProductRepository#findAllById}; an adapter
   * may read both at once when {@code products} is its own, and must otherwise fall back to it.
   */
  default Optional<LockedCart> lockWithProducts(CartId id, ProductRepository products) {
    return lockById(id)
        .map(
            cart ->
                new LockedCart(
                    cart, cart.isEmpty() ? Map.of() : products.findAllById(cart.productIds())));
  }

  /**
   * Sets the quantity and unit price of {@code product}'s line in an open cart, adding the line if
   * the product is not in the cart yet, and recomputes the cart's cached price from its lines.
   */
  void putLine(CartId cart, ProductId product, int quantity, Money unitPrice);

  /** Removes {@code product}'s line, if any, and recomputes the cart's cached price. */
  void removeLine(CartId cart, ProductId product);

  /**
   * Sets the unit price of each listed line (keyed by product) and recomputes the cart's cached
   * price from its lines.
   */
  void repriceLines(CartId cart, Map<ProductId, Money> unitPrices);

  /**
   * How stale the recorded time of a cart's last change may be: {@link #touch} need not write when
   * the recorded time is less than this before the new one. A cart filled within a minute of being
   * opened is then written once, not once per line (on PostgreSQL each write of the indexed time
   * leaves a whole new row version and index entries behind), and an idle lifetime of days is kept
   * to within a minute.
   */
  Duration CHANGE_RESOLUTION = Duration.ofMinutes(1);

  /**
   * Records that an open cart was changed at {@code at}, which keeps it from expiring for another
   * idle lifetime (give or take {@link #CHANGE_RESOLUTION}); does nothing to a checked-out or
   * missing cart. Call it in the change's unit of work, after locking the cart.
   */
  void touch(CartId id, Instant at);

  /**
   * Deletes, with their lines, up to {@code limit} carts that are open and were last changed (or
   * created) before {@code changedBefore}, in one short unit of work of its own, and returns how
   * many it deleted. Carts another unit of work holds are skipped (they are being changed, or
   * checked out), and each cart is checked again to be open and idle as it is deleted, so that
   * several nodes may run this at once and a cart being changed is never deleted half-way.
   * Checked-out carts and orders are never touched.
   */
  int deleteIdleOpenCarts(Instant changedBefore, int limit);

  /** Marks an open cart checked out, naming its order. */
  void markCheckedOut(CartId id, OrderId order);

  /** Removes a cart and its lines; returns whether it existed. */
  boolean delete(CartId id);

  /**
   * Removes {@code product} from every open cart that holds it and recomputes their cached prices,
   * locking those carts in ascending id order first. Checked-out carts lose the line too but keep
   * the cached price they were sold at.
   */
  void removeProductFromOpenCarts(ProductId product);
}

package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Use case: a cart's holder looks at it, either as last priced (the cached price) or repriced at
 * the products' current prices, which are then stored. A repricing view of an open cart counts as a
 * change (it stores the price, and keeps the cart from expiring); a plain view is a read and
 * changes nothing.
 */
public final class ViewCart {
  private final CartRepository carts;
  private final ProductRepository products;
  private final Transactions transactions;
  private final Clock clock;

  public ViewCart(
      CartRepository carts, ProductRepository products, Transactions transactions, Clock clock) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.products = Objects.requireNonNull(products, "products");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public CartView view(CartId caller, CartId id, boolean reprice) {
    Ownership.requireHolder(caller, id);
    if (!reprice) {
      return Carts.view(carts.findById(id).orElseThrow(() -> Carts.notFound(id)), products);
    }
    return transactions.inTransaction(
        () -> {
          Cart cart = Carts.locked(carts, id);
          CartView before = Carts.view(cart, products);
          if (!cart.isOpen()) {
            return before; // a checked-out cart keeps the prices it was sold at
          }
          carts.touch(id, clock.instant());
          Map<ProductId, Money> moved = new HashMap<>();
          for (CartLine line : cart.lines()) {
            Product product = before.products().get(line.productId());
            if (product != null && !product.price().equals(line.unitPrice())) {
              moved.put(line.productId(), product.price());
            }
          }
          if (moved.isEmpty()) {
            return before;
          }
          carts.repriceLines(id, moved);
          return new CartView(
              carts.findById(id).orElseThrow(() -> Carts.notFound(id)), before.products());
        });
  }
}

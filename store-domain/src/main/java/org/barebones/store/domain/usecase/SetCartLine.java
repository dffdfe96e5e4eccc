package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Shortage;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.NotFoundException;

/**
 * Use case: a cart's holder adds, changes or removes a line, priced at the product's current price.
 * Stock is checked here only as a courtesy; checkout is where it is enforced.
 */
public final class SetCartLine {
  private final CartRepository carts;
  private final ProductRepository products;
  private final Transactions transactions;
  private final Clock clock;

  public SetCartLine(
      CartRepository carts, ProductRepository products, Transactions transactions, Clock clock) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.products = Objects.requireNonNull(products, "products");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public CartView set(SetCartLineCommand command) {
    Ownership.requireHolder(command.caller(), command.cartId());
    return transactions.inTransaction(
        () -> {
          Cart cart = Carts.locked(carts, command.cartId());
          cart.requireOpen();
          Product product =
              products
                  .findById(command.productId())
                  .orElseThrow(() -> new NotFoundException("No product " + command.productId()));
          int quantity = (int) command.quantity();
          if (quantity == 0) {
            carts.removeLine(cart.id(), product.id());
          } else if (!product.hasInStock(quantity)) {
            throw new InsufficientStockException(
                List.of(new Shortage(product.id(), quantity, product.inventoryCount())));
          } else {
            carts.putLine(cart.id(), product.id(), quantity, product.price());
          }
          carts.touch(cart.id(), clock.instant());
          return Carts.reload(cart.id(), carts, products);
        });
  }
}

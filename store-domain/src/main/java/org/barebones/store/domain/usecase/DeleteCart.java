package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.Transactions;

/**
 * Use case: a cart's holder throws an open cart away. A checked-out cart is the record of a sale
 * and stays.
 */
public final class DeleteCart {
  private final CartRepository carts;
  private final Transactions transactions;

  public DeleteCart(CartRepository carts, Transactions transactions) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  public void delete(CartId caller, CartId id) {
    Ownership.requireHolder(caller, id);
    transactions.inTransaction(
        () -> {
          Carts.locked(carts, id).requireOpen();
          carts.delete(id);
          return null;
        });
  }
}

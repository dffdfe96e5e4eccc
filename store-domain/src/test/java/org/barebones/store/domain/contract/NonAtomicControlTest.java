package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;

/**
 * Control cases: the concurrency contract run against deliberately broken adapters (no unit of
 * work, and a stock decrement that reads, yields, then writes back) must detect the breakage. If
 * these ever pass cleanly, the contract proves nothing.
 */
class NonAtomicControlTest {

  private static final int TRIES = 5;

  /** Runs the contract's scenarios over the broken adapters, never asserting inside them. */
  private static final class Broken extends CheckoutConcurrencyContract {
    Broken() {
      store = persistence();
    }

    @Override
    protected StorePersistence persistence() {
      StorePersistence real = Store.inMemoryPersistence(USD);
      return new StorePersistence(
          real.producers(),
          new ReadThenWriteStock(real.products()),
          real.carts(),
          real.orders(),
          new NoTransactions());
    }
  }

  @Test
  void theScarceStockRace_catchesANonAtomicDecrement() throws Exception {
    boolean oversold = false;
    for (int i = 0; i < TRIES && !oversold; i++) {
      RaceOutcomeCheck check = new RaceOutcomeCheck(new Broken().raceForScarceStock());
      oversold = check.oversold();
    }
    assertThat(oversold).as("a read-then-write decrement sold more than the stock").isTrue();
  }

  @Test
  void theOneCartRace_catchesCheckoutsWithoutALock() throws Exception {
    boolean duplicated = false;
    for (int i = 0; i < TRIES && !duplicated; i++) {
      Broken broken = new Broken();
      Store shop =
          Store.builder()
              .persistence(broken.store)
              .passwordHasher(new Pbkdf2PasswordHasher(1))
              .build();
      Product product = broken.aProduct(broken.aProducer(), "2.50", 1_000);
      CartId cart = shop.createCart().create().cart().id();
      shop.setCartLine().set(new SetCartLineCommand(cart, cart, product.id(), 1));
      Set<OrderId> orders = broken.checkoutConcurrently(shop, cart, 16);
      duplicated = orders.size() > 1;
    }
    assertThat(duplicated).as("unlocked checkouts of one cart made several orders").isTrue();
  }

  private record RaceOutcomeCheck(CheckoutConcurrencyContract.RaceOutcome outcome) {
    boolean oversold() {
      return outcome.sold() > outcome.stockBefore()
          || outcome.stockBefore() - outcome.stockAfter() != outcome.sold();
    }
  }

  /** Runs work with no isolation and no rollback at all. */
  private static final class NoTransactions implements Transactions {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }
  }

  /** The original API's bug: stock read into memory, checked, and written back later. */
  private static final class ReadThenWriteStock implements ProductRepository {
    private final ProductRepository delegate;

    ReadThenWriteStock(ProductRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean takeStock(ProductId id, int quantity) {
      Product read = delegate.findById(id).orElse(null);
      if (read == null || read.inventoryCount() < quantity) {
        return false;
      }
      Thread.yield(); // widen the window between the read and the write, as real I/O would
      Product now = delegate.findById(id).orElseThrow();
      delegate.update(
          new Product(
              id,
              read.producerId(),
              read.title(),
              read.price(),
              read.inventoryCount() - quantity,
              now.version()));
      return true;
    }

    @Override
    public Product add(NewProduct product) {
      return delegate.add(product);
    }

    @Override
    public Optional<Product> findById(ProductId id) {
      return delegate.findById(id);
    }

    @Override
    public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
      return delegate.findAllById(ids);
    }

    @Override
    public Page<Product> list(ProductQuery query) {
      return delegate.list(query);
    }

    @Override
    public Map<ProducerId, List<Product>> listByProducers(Collection<ProducerId> producers) {
      return delegate.listByProducers(producers);
    }

    @Override
    public Optional<Product> update(Product changed) {
      return delegate.update(changed);
    }

    @Override
    public boolean delete(ProductId id) {
      return delegate.delete(id);
    }
  }
}

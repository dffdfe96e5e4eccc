package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Controls;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.product.Product;
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
      openPersistence(); // what JUnit does before each test of a contract it runs
    }

    @Override
    protected StorePersistence persistence() {
      return Controls.readThenWriteWithoutUnitsOfWork(Store.inMemoryPersistence(USD));
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
              .inMemoryTokens()
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
}

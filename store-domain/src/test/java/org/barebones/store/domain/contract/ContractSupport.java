package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.barebones.store.domain.event.RecordedEvent;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the port-contract suites: what every implementation of the driven ports must do. A
 * subclass supplies the adapters under test. The suites create their own rows and never assume
 * empty tables, so one database may serve a whole suite.
 */
public abstract class ContractSupport {

  protected static final Currency USD = Currency.getInstance("USD");

  protected StorePersistence store;

  /** The adapters under test, in {@link #USD}. Called before each test. */
  protected abstract StorePersistence persistence();

  @BeforeEach
  final void openPersistence() {
    store = persistence();
  }

  protected static Money usd(String amount) {
    return Money.of(amount, USD);
  }

  protected static String uniqueUsername() {
    return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  protected Producer aProducer() {
    return store.producers().add(new NewProducer(new Username(uniqueUsername()), "not-a-hash"));
  }

  protected Product aProduct(Producer owner, String price, int stock) {
    return store.products().add(new NewProduct(owner.id(), "Widget", usd(price), stock));
  }

  protected Product aProduct(int stock) {
    return aProduct(aProducer(), "1.00", stock);
  }

  /** A line of {@code quantity} units of {@code product} at its price, as a checkout copies it. */
  protected static OrderLine lineOf(Product product, int quantity) {
    return new OrderLine(
        product.id(), product.producerId(), product.title(), product.price(), quantity);
  }

  /** An order of {@code lines} from a fresh cart, placed at {@code at}. */
  protected Order anOrder(Instant at, List<OrderLine> lines) {
    return store.orders().add(new NewOrder(store.carts().create(at).id(), at, lines));
  }

  /**
   * Runs {@code work} in a unit of work that then fails with {@code why}, so that nothing it did
   * may remain; asserts that the failure reached the caller as it was thrown.
   */
  protected void inAFailingUnitOfWork(String why, Runnable work) {
    Supplier<Void> failing =
        () -> {
          work.run();
          throw new IllegalStateException(why);
        };
    assertThatThrownBy(() -> store.transactions().inTransaction(failing))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(why);
  }

  /**
   * The start of the {@code epoch}th century past {@code base}, once {@code sweep} (deleting up to
   * a batch of whatever expired before the instant it is given, and answering how many) has cleared
   * away everything older: so a test that takes a century of its own counts only its own rows on a
   * database the suite's other tests share.
   */
  protected static Instant aFreshCentury(String base, int epoch, ToIntFunction<Instant> sweep) {
    Instant start = Instant.parse(base).plus(Duration.ofDays(36_600L * epoch));
    while (sweep.applyAsInt(start) > 0) {
      // Rows the suite's other tests left behind.
    }
    return start;
  }

  protected int stockOf(Product product) {
    return store.products().findById(product.id()).orElseThrow().inventoryCount();
  }

  /** Every event in the outbox, in recording order (the suites' databases stay small). */
  protected List<StoreEvent> recordedEvents() {
    List<StoreEvent> all = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<RecordedEvent> batch = store.events().list(page);
      batch.items().forEach(e -> all.add(e.event()));
      if (!batch.hasNext()) {
        return all;
      }
      page = new PageRequest(batch.nextAfter().getAsLong(), PageRequest.MAX_LIMIT);
    }
  }

  protected static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }
}

package org.barebones.store.domain.contract;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
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

  protected int stockOf(Product product) {
    return store.products().findById(product.id()).orElseThrow().inventoryCount();
  }

  protected static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }
}

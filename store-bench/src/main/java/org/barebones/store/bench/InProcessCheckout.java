package org.barebones.store.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.barebones.store.persistence.JdbiStorePersistence;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.NoTemplateEngine;

/**
 * The database's own ceiling for the checkout: the server's use case over its own adapters (so its
 * statements cannot drift from the server's), in this process with no HTTP, JSON, token or pool.
 */
final class InProcessCheckout implements AutoCloseable {

  private final Store store;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  InProcessCheckout(ConnectionFactory connector) {
    ThreadLocal<Connection> mine = new ThreadLocal<>();
    Jdbi jdbi =
        Jdbi.create(
            new ConnectionFactory() {
              @Override
              public Connection openConnection() throws SQLException {
                if (mine.get() == null) {
                  mine.set(connector.openConnection());
                  connections.add(mine.get());
                }
                return mine.get();
              }

              @Override
              public void closeConnection(Connection c) {
                // kept for the thread's next transaction, as a pool would keep it
              }
            });
    // As the server sets it: its SQL has no templates to render.
    jdbi.setTemplateEngine(new NoTemplateEngine());
    this.store =
        Store.builder()
            .persistence(JdbiStorePersistence.open(jdbi, Store.DEFAULT_CURRENCY))
            // The loop checks carts out through the use case and never reads a token back.
            .inMemoryTokens()
            .build();
  }

  /** Opens {@code count} carts of one unit each, on {@code products} in turn, through the store. */
  List<Long> prepareCarts(List<Long> products, int count) {
    List<Long> carts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      CartId cart = store.createCart().create().cart().id();
      ProductId product = ProductId.of(products.get(i % products.size()));
      store.setCartLine().set(new SetCartLineCommand(cart, cart, product, 1));
      carts.add(cart.value());
    }
    return carts;
  }

  Load.Result run(List<Long> carts, int threads, Duration warmup, Duration duration)
      throws InterruptedException {
    return Load.run(
        "checkout in process, server's use case and adapters",
        threads,
        warmup,
        duration,
        seq -> {
          if (seq >= carts.size()) {
            return Load.DRY;
          }
          store.checkout().checkout(CheckoutCommand.of(CartId.of(carts.get((int) seq))));
          return 200;
        });
  }

  @Override
  public void close() throws SQLException {
    store.close();
    for (Connection c : connections) {
      c.close();
    }
  }
}

package org.barebones.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cart-flow workload as {@link HttpLoad} runs it: each connection loops over a shopper's visit,
 * four requests that depend on each other: {@code POST /api/shopping_cart} (a new cart and its
 * token), {@code PUT /api/shopping_cart/{id}} (one line), {@code GET /api/shopping_cart/{id}} and
 * {@code DELETE /api/shopping_cart/{id}}.
 *
 * <p>A connection's requests and answers are handled on that connection's own thread ({@link
 * HttpLoad}'s loop calls the source, sends, reads, then calls the sink), so the state of each visit
 * is kept per thread. A step that does not answer 200 ends the visit; the next request opens a new
 * cart.
 */
final class CartFlow implements HttpLoad.RequestSource, HttpLoad.ResponseSink {
  private static final byte[] CREATE = HttpLoad.request("POST", "/api/shopping_cart", null, null);

  private final List<Long> products;
  private final ThreadLocal<Visit> visits = ThreadLocal.withInitial(Visit::new);
  private final AtomicLong nextProduct = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  /** One shopper's visit in progress: the next step, and the cart once it exists. */
  private static final class Visit {
    int step;
    long cart;
    String token;
  }

  CartFlow(List<Long> products) {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("the cart flow needs products to put in carts");
    }
    this.products = List.copyOf(products);
  }

  @Override
  public byte[] next(long sequence) {
    Visit visit = visits.get();
    String cart = "/api/shopping_cart/" + visit.cart;
    return switch (visit.step) {
      case 0 -> CREATE;
      case 1 -> {
        // Shared, so that concurrent visits take different products rather than queue on one.
        long product = products.get((int) (nextProduct.getAndIncrement() % products.size()));
        yield HttpLoad.request(
            "PUT", cart, visit.token, "{\"product_id\": " + product + ", \"quantity\": 1}");
      }
      case 2 -> HttpLoad.get(cart, visit.token);
      default -> HttpLoad.request("DELETE", cart, visit.token, null);
    };
  }

  @Override
  public void accept(long sequence, int status, byte[] body) {
    Visit visit = visits.get();
    if (status != 200) {
      abandoned.incrementAndGet();
      visit.step = 0;
      return;
    }
    if (visit.step == 0) {
      try {
        JsonNode created = StoreApi.JSON.readTree(body);
        visit.cart = created.path("shopping_cart").path("id").asLong();
        visit.token = created.path("auth_token").asText();
      } catch (IOException e) {
        abandoned.incrementAndGet();
        return;
      }
    }
    if (visit.step == 3) {
      completed.incrementAndGet();
      visit.step = 0;
    } else {
      visit.step++;
    }
  }

  /** Visits that ran all four steps (warm-up included). */
  long completed() {
    return completed.get();
  }

  /** Visits ended early by an answer other than 200 (warm-up included). */
  long abandoned() {
    return abandoned.get();
  }
}

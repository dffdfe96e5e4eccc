package org.barebones.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cart-flow workload, a shopper's visit after another on each thread: {@code POST
 * /api/shopping_cart}, {@code PUT} one line, {@code GET} the cart, {@code DELETE} it, each a call
 * of the task (so each a request in the figures). A step that does not answer 200 ends the visit.
 */
final class CartFlow implements Load.Task {
  private final Http http;
  private final List<Long> products;
  private final ThreadLocal<Visit> visits = ThreadLocal.withInitial(Visit::new);
  private final AtomicLong nextProduct = new AtomicLong();

  private static final class Visit {
    int step;
    String cart;
    String token;
  }

  CartFlow(Http http, List<Long> products) {
    this.http = http;
    this.products = List.copyOf(products);
  }

  @Override
  public int call(long sequence) throws Exception {
    Visit v = visits.get();
    Http.Answer a =
        switch (v.step) {
          case 0 -> http.send(http.request("POST", "/api/shopping_cart", null, null, null));
          case 1 -> {
            // Shared, so that concurrent visits take different products rather than queue on one.
            long p = products.get((int) (nextProduct.getAndIncrement() % products.size()));
            String line = "{\"product_id\": " + p + ", \"quantity\": 1}";
            yield http.send(http.request("PUT", v.cart, v.token, line, null));
          }
          case 2 -> http.send(http.get(v.cart, v.token));
          default -> http.send(http.request("DELETE", v.cart, v.token, null, null));
        };
    if (a.status() != 200) {
      v.step = 0;
      return a.status();
    }
    if (v.step == 0) {
      JsonNode created = StoreApi.JSON.readTree(a.body());
      v.cart = "/api/shopping_cart/" + created.path("shopping_cart").path("id").asLong();
      v.token = created.path("auth_token").asText();
    }
    v.step = (v.step + 1) % 4;
    return a.status();
  }
}

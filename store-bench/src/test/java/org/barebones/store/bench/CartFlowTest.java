package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cart flow over the JDK's HTTP client, against a stand-in store that records each request. */
class CartFlowTest {

  @Test
  void eachVisitCreatesPutsViewsAndDeletesItsOwnCart_andAFailedStepStartsANewVisit()
      throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] carts = {0};
    server.createContext(
        "/api/shopping_cart",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + auth
                  + " "
                  + body);
          byte[] answer = new byte[0];
          int status = 200;
          if (exchange.getRequestMethod().equals("POST")) {
            int id = ++carts[0];
            answer =
                ("{\"auth_token\":\"tok-" + id + "\",\"shopping_cart\":{\"id\":" + id + "}}")
                    .getBytes(StandardCharsets.UTF_8);
          } else if (exchange.getRequestMethod().equals("GET")
              && exchange.getRequestURI().getPath().endsWith("/2")) {
            status = 503; // the second visit fails at its view
          }
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try {
      CartFlow flow = new CartFlow(new Http(server.getAddress().getPort()), List.of(11L, 12L));
      Load.Result r =
          Load.run(
              "flow",
              1,
              Duration.ZERO,
              Duration.ofSeconds(30),
              seq -> seq < 11 ? flow.call(seq) : Load.DRY);

      assertThat(seen.subList(0, 11))
          .containsExactly(
              "POST /api/shopping_cart null ",
              "PUT /api/shopping_cart/1 Bearer tok-1 {\"product_id\": 11, \"quantity\": 1}",
              "GET /api/shopping_cart/1 Bearer tok-1 ",
              "DELETE /api/shopping_cart/1 Bearer tok-1 ",
              "POST /api/shopping_cart null ",
              "PUT /api/shopping_cart/2 Bearer tok-2 {\"product_id\": 12, \"quantity\": 1}",
              "GET /api/shopping_cart/2 Bearer tok-2 ",
              "POST /api/shopping_cart null ",
              "PUT /api/shopping_cart/3 Bearer tok-3 {\"product_id\": 11, \"quantity\": 1}",
              "GET /api/shopping_cart/3 Bearer tok-3 ",
              "DELETE /api/shopping_cart/3 Bearer tok-3 ");
      assertThat(r.requests()).isEqualTo(10);
      assertThat(r.errors()).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }
}

package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartFlowTest {
  private static final byte[] CREATED =
      "{\"auth_token\":\"tok-7\",\"shopping_cart\":{\"id\":7,\"status\":\"open\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private static String requestLine(byte[] request) {
    String text = new String(request, StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf("\r\n"));
  }

  @Test
  void aVisit_createsPutsViewsAndDeletesTheCartItWasGiven_thenStartsAgain() {
    CartFlow flow = new CartFlow(List.of(11L, 12L));

    assertThat(requestLine(flow.next(0))).isEqualTo("POST /api/shopping_cart HTTP/1.1");
    flow.accept(0, 200, CREATED);
    byte[] put = flow.next(1);
    assertThat(requestLine(put)).isEqualTo("PUT /api/shopping_cart/7 HTTP/1.1");
    assertThat(new String(put, StandardCharsets.US_ASCII))
        .contains("Authorization: Bearer tok-7")
        .endsWith("{\"product_id\": 11, \"quantity\": 1}");
    flow.accept(1, 200, new byte[0]);
    assertThat(requestLine(flow.next(2))).isEqualTo("GET /api/shopping_cart/7 HTTP/1.1");
    flow.accept(2, 200, new byte[0]);
    assertThat(requestLine(flow.next(3))).isEqualTo("DELETE /api/shopping_cart/7 HTTP/1.1");
    flow.accept(3, 200, new byte[0]);

    assertThat(flow.completed()).isEqualTo(1);
    assertThat(requestLine(flow.next(4))).isEqualTo("POST /api/shopping_cart HTTP/1.1");
    flow.accept(4, 200, CREATED);
    assertThat(new String(flow.next(5), StandardCharsets.US_ASCII))
        .endsWith("{\"product_id\": 12, \"quantity\": 1}");
  }

  @Test
  void aStepThatFails_abandonsTheVisit_andTheNextRequestOpensANewCart() {
    CartFlow flow = new CartFlow(List.of(11L));
    flow.next(0);
    flow.accept(0, 200, CREATED);
    flow.next(1);
    flow.accept(1, 503, new byte[0]);

    assertThat(flow.abandoned()).isEqualTo(1);
    assertThat(flow.completed()).isZero();
    assertThat(requestLine(flow.next(2))).isEqualTo("POST /api/shopping_cart HTTP/1.1");
  }
}

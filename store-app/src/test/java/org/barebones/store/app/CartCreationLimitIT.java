package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.barebones.store.domain.usecase.CartCreationLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cart creation limit with the server's defaults (no cart setting given): a flood of {@code
 * POST /api/shopping_cart} from one address is refused past 120 carts a minute with a 429 problem
 * and {@code Retry-After}, a forged {@code X-Forwarded-For} does not evade it, while another
 * address still opens carts; the metrics count both.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CartCreationLimitIT {

  private static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(
          Overrides.defaults(Db.h2InMemory("cart_limit"))
              .remove("cartCreationLimit.maxPerAddress"));

  @Test
  void aFloodFromOneAddress_isRefusedPastTheDefaultLimit_whileAnotherAddressStillOpensCarts()
      throws Exception {
    StoreClient api = new StoreClient(APP.getLocalPort());
    int limit = CartCreationLimit.DEFAULT_MAX_PER_ADDRESS;
    int opened = 0;
    Reply refused = null;
    for (int i = 0; i < limit + 30; i++) {
      Reply reply = api.post("/api/shopping_cart", null, null);
      if (reply.status() == 200) {
        opened++;
      } else if (refused == null) {
        refused = reply;
      } else {
        assertThat(reply.status()).isEqualTo(429);
      }
    }

    assertThat(opened).isEqualTo(limit);
    assertThat(refused).isNotNull();
    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.json().get("type").asText()).isEqualTo("/problems/too-many-attempts");
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);

    Reply forged =
        api.send(
            "POST",
            "/api/shopping_cart",
            null,
            null,
            Map.of("X-Forwarded-For", "198.51.100.9", "X-Real-IP", "198.51.100.9"));
    assertThat(forged.status()).as("a forged X-Forwarded-For").isEqualTo(429);

    // Another address of the loopback network: Linux answers all of 127.0.0.0/8.
    assertThat(postCartFrom("127.0.0.2")).startsWith("HTTP/1.1 200");

    var metrics = APP.getEnvironment().metrics();
    assertThat(metrics.meter(MetricsCartMetrics.OPENED).getCount()).isEqualTo(limit + 1);
    assertThat(metrics.meter(MetricsCartMetrics.REFUSED).getCount()).isEqualTo(30 + 1);
  }

  /** The status line of a cart opened over a connection from {@code localAddress}. */
  private static String postCartFrom(String localAddress) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", APP.getLocalPort()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/shopping_cart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.lines().findFirst().orElse("");
    }
  }
}

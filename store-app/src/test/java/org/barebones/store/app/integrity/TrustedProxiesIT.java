package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barebones.store.app.integrity.RawHttp.Answer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof, by counts rather than timing: with {@code useForwardedHeaders} on, {@code X-Forwarded-For}
 * names the client only when the peer is a trusted proxy (here 127.0.0.1 and 10.0.0.0/8), and then
 * the client is the right-most address that is not itself a trusted proxy. The per-address cart
 * limit (2 here) shows whom the server counts: from any other peer the header is ignored, and a
 * client cannot escape its count by adding hops of its own to the left.
 */
class TrustedProxiesIT {

  private static final int LIMIT = 2;
  private static Node node;

  @BeforeAll
  static void start() {
    node =
        Node.start(
            Db.h2InMemory("trusted_proxies"),
            Map.of(
                "server.applicationConnectors[0].useForwardedHeaders", "true",
                "trustedProxies", "127.0.0.1, 10.0.0.0/8",
                "cartCreationLimit.maxPerAddress", String.valueOf(LIMIT)));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void throughATrustedProxy_eachForwardedClientHasItsOwnCount() {
    assertThat(openCarts("127.0.0.1", "198.51.100.1", 3)).containsExactly(200, 200, 429);
    assertThat(openCarts("127.0.0.1", "198.51.100.2", 1)).containsExactly(200);
    // The client forges a hop to the left of the one our proxy appended: still counted as itself.
    assertThat(openCarts("127.0.0.1", "203.0.113.9, 198.51.100.1", 1)).containsExactly(429);
    assertThat(openCarts("127.0.0.1", "198.51.100.1, 203.0.113.9", 1))
        .as("the right-most untrusted hop is the client")
        .containsExactly(200);
  }

  @Test
  void behindTwoTrustedProxies_theClientIsTheHopBeforeThem() {
    assertThat(openCarts("127.0.0.1", "198.51.100.6, 10.0.0.5", 2)).containsExactly(200, 200);
    assertThat(openCarts("127.0.0.1", "198.51.100.6", 1)).containsExactly(429);
    assertThat(openCarts("127.0.0.1", "198.51.100.7", 1)).containsExactly(200);
  }

  @Test
  void fromAPeerThatIsNoTrustedProxy_forwardedHeadersAreIgnored() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < LIMIT + 1; i++) {
      // A fresh made-up client each time: were the header believed, none would be refused.
      statuses.addAll(openCarts("127.0.0.2", "198.51.100." + (100 + i), 1));
    }
    assertThat(statuses).containsExactly(200, 200, 429);
  }

  /** Opens {@code n} carts, one connection each, from {@code peer} sending that forwarded-for. */
  private static List<Integer> openCarts(String peer, String forwardedFor, int n) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Answer answer =
          RawHttp.send(
              node.port(),
              RawHttp.request(
                  "POST",
                  "/api/shopping_cart",
                  "X-Forwarded-For: " + forwardedFor + "\r\n",
                  new byte[0]),
              Duration.ofSeconds(10),
              address(peer));
      statuses.add(answer.status());
    }
    return statuses;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}

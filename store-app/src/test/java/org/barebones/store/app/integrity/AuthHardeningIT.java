package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.barebones.store.app.integrity.RawHttp.Answer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.RunsAlone;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof: logins are throttled per username and per client address (429 with {@code Retry-After},
 * lifted when the window has passed, not evaded by a forged {@code X-Forwarded-For}); a login for
 * an unknown username costs about as long as one with a wrong password; and a checked-out cart's
 * token still reads its cart and order but changes nothing. Clients speak from several loopback
 * addresses (127.0.0.2, 127.0.0.3, ...), so each address has a throttle of its own.
 */
@RunsAlone
class AuthHardeningIT {

  private static final int MAX_FAILURES = 5;
  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static Node node;

  @BeforeAll
  static void start() {
    node =
        Node.start(
            Db.h2InMemory("auth"),
            Map.of(
                "loginThrottle.maxFailures",
                String.valueOf(MAX_FAILURES),
                "loginThrottle.window",
                WINDOW.toSeconds() + "s"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static Answer login(String from, String username, String password, String moreHeaders) {
    byte[] body =
        StoreClient.json(Map.of("username", username, "password", password))
            .getBytes(StandardCharsets.UTF_8);
    try {
      return RawHttp.send(
          node.port(),
          RawHttp.request(
              "POST",
              "/api/producer/login",
              "Content-Type: application/json\r\n" + moreHeaders,
              body),
          Duration.ofSeconds(20),
          InetAddress.getByName(from));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer login(String from, String username, String password) {
    return login(from, username, password, "");
  }

  private static void assertThrottled(Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(429);
    assertThat(answer.header("Retry-After")).as("Retry-After of %s", answer).isPresent();
    assertThat(Long.parseLong(answer.header("Retry-After").orElseThrow()))
        .isBetween(1L, WINDOW.toSeconds());
    assertThat(answer.header("Content-Type").orElse("")).startsWith("application/problem+json");
  }

  @Test
  void failedLogins_forOneUsername_are429FromAnyAddress_untilTheWindowPasses() {
    Shop.Producer target = node.shop().newProducer("target");
    Shop.Producer bystander = node.shop().newProducer("bystander");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(login("127.0.0.2", target.username(), "wrong password " + i).status())
          .isEqualTo(401);
    }
    long blockedAt = System.nanoTime();
    assertThrottled(login("127.0.0.2", target.username(), "wrong password again"));
    // The username is throttled wherever the attempt comes from, even with the right password...
    assertThrottled(login("127.0.0.3", target.username(), Shop.PASSWORD));
    // ...while another username from a fresh address is not.
    assertThat(login("127.0.0.3", bystander.username(), Shop.PASSWORD).status()).isEqualTo(200);

    pollUntil200(() -> login("127.0.0.4", target.username(), Shop.PASSWORD));
    long liftedAfter = (System.nanoTime() - blockedAt) / 1_000_000;
    Figures.record(
        "AuthHardeningIT username throttle",
        String.format(
            "%d failures then 429 with Retry-After; lifted %d ms after the block (window %d s)",
            MAX_FAILURES, liftedAfter, WINDOW.toSeconds()));
  }

  @Test
  void failedLogins_fromOneAddress_are429ForAnyUsername_andAForgedForwardedForDoesNotHelp() {
    Shop.Producer victim = node.shop().newProducer("victim");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(login("127.0.0.5", Shop.uniqueUsername("guess"), "password " + i).status())
          .isEqualTo(401);
    }
    assertThrottled(login("127.0.0.5", Shop.uniqueUsername("guess"), "another password"));
    assertThrottled(login("127.0.0.5", victim.username(), Shop.PASSWORD));
    assertThrottled(
        login(
            "127.0.0.5",
            Shop.uniqueUsername("guess"),
            "forged",
            "X-Forwarded-For: 127.0.0.99\r\nX-Real-IP: 127.0.0.98\r\nForwarded: for=127.0.0.97\r\n"));
    // The address is throttled, the username is not.
    assertThat(login("127.0.0.6", victim.username(), Shop.PASSWORD).status()).isEqualTo(200);
    pollUntil200(() -> login("127.0.0.5", victim.username(), Shop.PASSWORD));
  }

  private static long pollUntil200(Supplier<Answer> attempt) {
    long start = System.nanoTime();
    long deadline = start + WINDOW.toNanos() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Answer answer = attempt.get();
      if (answer.status() == 200) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      assertThat(answer.status()).as("%s", answer).isEqualTo(429);
      // A poll interval, not a pause: no event says when the throttle lifts, so try again soon.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    throw new AssertionError("the throttle was not lifted within the window and 10 s");
  }

  @Test
  void unknownUsername_costsAboutAsMuchAsAWrongPassword() throws Exception {
    // A real hash cost here (the rest of the suites use 1000 iterations), the same for both.
    int iterations = 210_000;
    Db db = Db.h2InMemory("timing");
    try (Node timed =
        Node.start(
            db,
            Map.of(
                "passwordHashIterations",
                String.valueOf(iterations),
                "loginThrottle.maxFailures",
                "1000000"))) {
      assertThat(timed.configuration().getPasswordHashIterations()).isEqualTo(iterations);
      Shop shop = timed.shop();
      Shop.Producer known = shop.newProducer("timed");
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement();
          ResultSet hashes = statement.executeQuery("SELECT password_hash FROM producer")) {
        assertThat(hashes.next()).isTrue();
        assertThat(hashes.getString(1))
            .as("the stored hash's cost")
            .contains("$" + iterations + "$");
      }
      StoreClient client = timed.client(Duration.ofSeconds(30));
      List<Long> wrongPassword = new ArrayList<>();
      List<Long> unknownUser = new ArrayList<>();
      List<Long> malformedUser = new ArrayList<>();
      List<Long> trivial = new ArrayList<>();
      // The three kinds interleave in a shuffled order each round, so a slow spell of the machine
      // falls on all of them alike; the first rounds warm the JIT up and are not counted.
      Random order = new Random(42);
      for (int round = 0; round < 28; round++) {
        String guess = "not the password " + round;
        List<Runnable> kinds = new ArrayList<>();
        boolean counted = round >= 3;
        kinds.add(() -> keep(counted, wrongPassword, timeLogin(client, known.username(), guess)));
        kinds.add(
            () ->
                keep(
                    counted, unknownUser, timeLogin(client, Shop.uniqueUsername("nobody"), guess)));
        kinds.add(() -> keep(counted, malformedUser, timeLogin(client, "no such user!", guess)));
        kinds.add(() -> keep(counted, trivial, Shop.expect(200, client.get("/")).nanos()));
        Collections.shuffle(kinds, order);
        kinds.forEach(Runnable::run);
      }
      double wrong = median(wrongPassword);
      double unknown = median(unknownUser);
      double malformed = median(malformedUser);
      Figures.record(
          "AuthHardeningIT login timing",
          String.format(
              "PBKDF2 %d iterations, medians of %d: wrong password %.1f ms, unknown username %.1f"
                  + " ms (ratio %.2f), malformed username %.1f ms (ratio %.2f); GET / %.2f ms",
              iterations,
              wrongPassword.size(),
              wrong / 1e6,
              unknown / 1e6,
              unknown / wrong,
              malformed / 1e6,
              malformed / wrong,
              median(trivial) / 1e6));
      assertThat(unknown / wrong).as("unknown username vs wrong password").isBetween(0.5, 2.0);
      assertThat(malformed / wrong).as("malformed username vs wrong password").isBetween(0.5, 2.0);
      // The hash is what costs: a login is far dearer than a request that does nothing.
      assertThat(wrong).isGreaterThan(5 * median(trivial));
    }
  }

  private static void keep(boolean counted, List<Long> samples, long nanos) {
    if (counted) {
      samples.add(nanos);
    }
  }

  private static long timeLogin(StoreClient client, String username, String password) {
    Reply reply =
        client.post(
            "/api/producer/login", Map.of("username", username, "password", password), null);
    assertThat(reply.status()).as("%s", reply).isEqualTo(401);
    return reply.nanos();
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  @Test
  void checkedOutCart_tokenReadsItsCartAndOrder_butChangesNothing() {
    Shop shop = node.shop();
    StoreClient client = shop.client();
    Shop.Producer seller = shop.newProducer("seller");
    long product = shop.newProduct(seller, "Lamp", "12.50", 5);
    long other = shop.newProduct(seller, "Shade", "4.00", 5);
    Cart cart = shop.newCart();
    Shop.expect(200, shop.putLine(cart, product, 2));
    Reply checkout = Shop.expect(200, shop.checkout(cart));
    long order = checkout.json().path("order").path("id").asLong();
    BigDecimal total = checkout.json().path("order").path("total").decimalValue();

    // The seller changes the price afterwards: the sold cart must keep what it was sold at.
    Shop.expect(
        200,
        client.put(
            "/api/products/" + product, Map.of("price", new BigDecimal("99.00")), seller.token()));

    List<Reply> attempts =
        List.of(
            shop.putLine(cart, product, 1),
            shop.putLine(cart, product, 0),
            shop.putLine(cart, other, 1),
            client.delete("/api/shopping_cart/" + cart.id(), cart.token()),
            client.post(
                "/api/products",
                Map.of("title", "X", "price", 1, "inventory_count", 1),
                cart.token()),
            client.put("/api/products/" + product, Map.of("inventory_count", 100), cart.token()),
            client.delete("/api/products/" + product, cart.token()));
    for (Reply attempt : attempts) {
      assertThat(attempt.status())
          .as("a change with a sold cart's token: %s", attempt)
          .isBetween(400, 499);
    }
    assertThat(attempts.get(0).status()).isEqualTo(409);
    assertThat(attempts.get(4).status()).isEqualTo(401);

    Reply again = Shop.expect(200, shop.checkout(cart));
    assertThat(again.json().path("order").path("id").asLong()).isEqualTo(order);

    for (String query : List.of("", "?use-cache=0")) {
      Reply read =
          Shop.expect(200, client.get("/api/shopping_cart/" + cart.id() + query, cart.token()));
      assertThat(read.json().path("status").asText()).isEqualTo("checked_out");
      assertThat(read.json().path("order_id").asLong()).isEqualTo(order);
      assertThat(read.json().path("cached_price").decimalValue()).isEqualByComparingTo(total);
      assertThat(read.json().path("shopping_cart_entries")).hasSize(1);
    }
    Reply read = Shop.expect(200, shop.order(order, cart));
    assertThat(read.json().path("total").decimalValue()).isEqualByComparingTo(total);
    assertThat(client.get("/api/products/" + product).json().path("inventory_count").asInt())
        .isEqualTo(3);
    assertThat(client.get("/api/products/" + other).json().path("inventory_count").asInt())
        .isEqualTo(5);
    assertThat(client.get("/api/products/" + product).json().path("title").asText())
        .isEqualTo("Lamp");
  }
}

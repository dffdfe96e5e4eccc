package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.barebones.store.app.testing.ChildServer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: the console of the packaged server, over a whole run (start with a generated secret,
 * registration, logins good and bad, malformed bodies carrying passwords, products, a cart, a
 * checkout, tokens misused and tampered with, stop), holds no password, no password hash or its
 * parts, no issued token or its signature, and not the signing secret. The store's own loggers run
 * at TRACE, everything else at the default INFO, with the request log on.
 */
class NoSecretsInLogsIT {

  @Test
  void aFullRun_logsNoPasswordHashTokenOrSecret() throws Exception {
    Path dir = Path.of("target", "integrity", "logs-" + System.nanoTime()).toAbsolutePath();
    Db db = Db.h2File(dir);
    String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String password = "Pw-" + unique + "-staple";
    List<String> passwords = new ArrayList<>(List.of(password));
    Set<String> tokens = new LinkedHashSet<>();
    String username = "logged-" + unique;
    String output;
    try (ChildServer child =
        ChildServer.start(
            db,
            dir,
            "server",
            null,
            Map.of(
                "passwordHashIterations", "1000",
                "logging.level", "INFO",
                "logging.loggers.org\\.barebones", "TRACE"))) {
      StoreClient client = new StoreClient(child.port(), Duration.ofSeconds(10));
      Shop shop = new Shop(client);

      Reply registered =
          Shop.expect(
              200,
              client.post(
                  "/api/producer", Map.of("username", username, "password", password), null));
      String producerToken = registered.json().path("auth_token").asText();
      tokens.add(producerToken);
      Reply loggedIn =
          Shop.expect(
              200,
              client.post(
                  "/api/producer/login", Map.of("username", username, "password", password), null));
      tokens.add(loggedIn.json().path("auth_token").asText());
      for (int i = 0; i < 3; i++) {
        String wrong = "Wrong-" + unique + "-" + i;
        passwords.add(wrong);
        client.post("/api/producer/login", Map.of("username", username, "password", wrong), null);
        client.post(
            "/api/producer/login",
            Map.of("username", "nobody-" + unique + i, "password", wrong),
            null);
      }
      String unquoted = "pwUnquoted_" + unique;
      String truncated = "Truncated-" + unique;
      String tooShort = "S!" + unique.substring(0, 4);
      passwords.addAll(List.of(unquoted, truncated, tooShort));
      client.post(
          "/api/producer/login",
          "{\"username\":\"" + username + "\",\"password\":" + unquoted + "}",
          null);
      client.post(
          "/api/producer/login",
          "{\"username\":\"" + username + "\",\"password\":\"" + truncated,
          null);
      client.post(
          "/api/producer", Map.of("username", "short-" + unique, "password", tooShort), null);
      client.post("/api/producer", Map.of("username", username, "password", password), null);

      long product =
          Shop.expect(
                  200,
                  client.post(
                      "/api/products",
                      Map.of(
                          "title",
                          "Logged lamp",
                          "price",
                          new BigDecimal("3.50"),
                          "inventory_count",
                          4),
                      producerToken))
              .json()
              .path("id")
              .asLong();
      client.put(
          "/api/products/" + product, Map.of("price", new BigDecimal("3.75")), producerToken);
      client.get("/api/products?min-inventory-count=0");
      Reply opened = Shop.expect(200, client.post("/api/shopping_cart", null, null));
      String cartToken = opened.json().path("auth_token").asText();
      tokens.add(cartToken);
      Cart cart = new Cart(opened.json().path("shopping_cart").path("id").asLong(), cartToken);
      Shop.expect(200, shop.putLine(cart, product, 1));
      client.get("/api/shopping_cart/" + cart.id() + "?use-cache=0", cartToken);
      long order = Shop.expect(200, shop.checkout(cart)).json().path("order").path("id").asLong();
      Shop.expect(200, shop.order(order, cart));
      // Tokens misused and tampered with: the failures must not echo them.
      client.get("/api/shopping_cart/" + cart.id(), producerToken);
      client.post(
          "/api/products",
          Map.of("title", "x", "price", BigDecimal.ONE, "inventory_count", 1),
          cartToken);
      client.get(
          "/api/shopping_cart/" + cart.id(),
          cartToken.substring(0, cartToken.length() - 3) + "abc");
      client.get("/api/orders/" + order, producerToken + "x");
      client.delete("/api/shopping_cart/" + cart.id(), cartToken);
      child.stop();
      output = child.output();
    }

    String secret = Files.readString(dir.resolve("jwt-secret"), StandardCharsets.UTF_8).strip();
    String hash;
    try (Connection connection = db.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT password_hash FROM producer WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).isTrue();
        hash = rs.getString(1);
      }
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    passwords.forEach(p -> secrets.put(p, "a password"));
    secrets.put(hash, "the password hash");
    String[] hashParts = hash.split("\\$");
    for (int i = 2; i < hashParts.length; i++) {
      secrets.put(hashParts[i], "a part (salt or key) of the password hash");
    }
    for (String token : tokens) {
      secrets.put(token, "an issued token");
      secrets.put(token.substring(token.lastIndexOf('.') + 1), "a token's signature");
    }
    secrets.put(secret, "the signing secret");

    List<String> lines = output.lines().toList();
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      secrets.forEach(
          (value, what) -> {
            if (line.contains(value)) {
              leaks.add(what + " in: " + line);
            }
          });
    }
    Figures.record(
        "NoSecretsInLogsIT",
        String.format(
            "%d console lines of a full run checked for %d secrets (%d passwords, the hash and its"
                + " parts, %d tokens and their signatures, the generated secret): %d leaks",
            lines.size(), secrets.size(), passwords.size(), tokens.size(), leaks.size()));
    // The capture is real: the request log and the store's own lines are in it.
    assertThat(output).contains("/api/producer/login").contains("/api/shopping_cart");
    assertThat(leaks).isEmpty();
  }
}

package org.barebones.store.app.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.barebones.store.app.testing.LoopbackReceiver.Request;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.http.webhook.WebhookSignature;

/**
 * Test support for the webhook proofs: a configuration file naming endpoints (Dropwizard's {@code
 * -Ddw.} overrides cannot add list elements), fast retry settings, and a tally of what a loopback
 * receiver got: signatures checked, deliveries per event id, duplicates.
 */
final class Hooks {
  /** whsec_ + base64 of 32 bytes. */
  static final String SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private Hooks() {}

  /**
   * Writes a configuration file with one endpoint per URL (every event type, {@link #SECRET}), and
   * the server's connectors, so that the tests' port and host overrides find them.
   */
  static Path configFile(Path dir, String... urls) {
    StringBuilder yaml =
        new StringBuilder(
            "server:\n  applicationConnectors:\n    - type: http\n      port: 0\n"
                + "  adminConnectors:\n    - type: http\n      port: 0\n"
                + "webhooks:\n  endpoints:\n");
    for (String url : urls) {
      yaml.append("    - url: ").append(url).append("\n      secret: ").append(SECRET).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("webhooks-" + System.nanoTime() + ".yml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Retries within a second, a short lease, a quick poll: so that the proofs take seconds. */
  static Overrides fastRetries() {
    return Overrides.none()
        .set("webhooks.firstRetry", "100ms")
        .set("webhooks.maxRetry", "1s")
        .set("webhooks.timeout", "2s")
        .set("webhooks.connectTimeout", "1s")
        .set("webhooks.lease", "5s")
        .set("webhooks.pollInterval", "20ms");
  }

  /** What a receiver got: every request, those answered 2xx by event id, bad signatures. */
  record Tally(
      int requests,
      Map<String, Integer> deliveredById,
      Map<String, String> typeById,
      Map<String, JsonNode> dataById,
      int badSignatures) {

    /** Deliveries answered 2xx beyond the first of their event. */
    int duplicates() {
      return deliveredById.values().stream().mapToInt(n -> n - 1).sum();
    }

    int delivered() {
      return deliveredById.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The order ids of the order.placed events delivered. */
    Set<Long> placedOrders() {
      return typeById.entrySet().stream()
          .filter(e -> e.getValue().equals("order.placed"))
          .filter(e -> deliveredById.containsKey(e.getKey()))
          .map(e -> dataById.get(e.getKey()).path("id").asLong())
          .collect(Collectors.toSet());
    }

    String figures() {
      return requests
          + " requests, "
          + deliveredById.size()
          + " events delivered, "
          + duplicates()
          + " duplicates ("
          + String.format("%.2f", 100.0 * duplicates() / Math.max(1, delivered()))
          + " %), "
          + badSignatures
          + " bad signatures";
    }
  }

  static Tally tally(List<Request> requests) {
    Map<String, Integer> delivered = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    Map<String, JsonNode> data = new HashMap<>();
    int bad = 0;
    for (Request r : requests) {
      String id = r.header("webhook-id");
      boolean valid =
          WebhookSignature.verify(
              SECRET,
              id,
              r.header("webhook-timestamp"),
              r.header("webhook-signature"),
              r.body(),
              Instant.now(),
              WebhookSignature.DEFAULT_TOLERANCE);
      if (!valid) {
        bad++;
        continue;
      }
      JsonNode event = json(r.body());
      if (!event.path("id").asText().equals(id)) {
        bad++;
        continue;
      }
      types.put(id, event.path("type").asText());
      data.put(id, event.path("data"));
      if (r.answered() >= 200 && r.answered() <= 299) {
        delivered.merge(id, 1, Integer::sum);
      }
    }
    return new Tally(requests.size(), delivered, types, data, bad);
  }

  static JsonNode json(byte[] body) {
    try {
      return StoreClient.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the orders that have an order.placed event in the outbox. */
  static Set<Long> placedOrdersInOutbox(Connection db) throws SQLException {
    Set<Long> orders = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT order_id FROM store_event WHERE type = 'order.placed'")) {
      while (rs.next()) {
        orders.add(rs.getLong(1));
      }
    }
    return orders;
  }

  /** Every event id in the outbox. */
  static Set<String> eventIdsInOutbox(Connection db) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM store_event")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Deliveries claimed by a node and not settled (in flight, or their node died). */
  static long claimedUnsettled(Connection db) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM event_delivery"
                    + " WHERE status = 'pending' AND claim_token IS NOT NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

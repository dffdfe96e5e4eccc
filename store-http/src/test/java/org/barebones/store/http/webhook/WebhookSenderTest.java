package org.barebones.store.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventType;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.http.StoreHttp;
import org.barebones.store.http.api.OrderResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook adapter against a loopback receiver that records what it got. */
class WebhookSenderTest {
  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private record Received(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final ObjectMapper json = StoreHttp.configure(Jackson.newObjectMapper());
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;

  @BeforeEach
  void receiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hooks",
        exchange -> {
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookSender sender(String path) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return new WebhookSender(
        new WebhookEndpoint(url, WebhookSecret.parse(SECRET), EnumSet.allOf(EventType.class)),
        WebhookSender.httpClient(Duration.ofSeconds(2)),
        json,
        Duration.ofSeconds(5),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static StoreEvent anOrderPlaced() {
    Currency usd = Currency.getInstance("USD");
    List<OrderLine> lines =
        List.of(
            new OrderLine(
                ProductId.of(5), ProducerId.of(2), "Desk lamp", Money.of("19.99", usd), 2));
    Order order =
        new Order(
            OrderId.of(7),
            CartId.of(3),
            Money.of("39.98", usd),
            Instant.parse("2026-12-01T09:59:59.123456Z"),
            lines,
            Order.pendingParts(lines));
    return new StoreEvent(EventId.random(), NOW, new OrderPlaced(order));
  }

  @Test
  void aDelivery_isThePostOfTheEventsJson_signedSoThatTheReceiverVerifiesIt() throws Exception {
    StoreEvent event = anOrderPlaced();

    sender("/hooks").onEvent(event);

    Received got = received.get(0);
    assertThat(got.header("webhook-id")).isEqualTo(event.id().value());
    assertThat(got.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(got.header("content-type")).isEqualTo("application/json");
    assertThat(
            WebhookSignature.verify(
                SECRET,
                got.header("webhook-id"),
                got.header("webhook-timestamp"),
                got.header("webhook-signature"),
                got.body(),
                NOW.plusSeconds(30),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
    JsonNode body = json.readTree(got.body());
    assertThat(body.get("id").asText()).isEqualTo(event.id().value());
    assertThat(body.get("type").asText()).isEqualTo("order.placed");
    assertThat(body.get("created_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
    Order order = ((OrderPlaced) event.data()).order();
    assertThat(body.get("data").toString())
        .isEqualTo(json.writeValueAsString(OrderResponse.from(order)));
    assertThat(body.get("data").get("total").decimalValue()).isEqualByComparingTo("39.98");
  }

  @Test
  void aTamperedBodyTimestampOrSecret_failsVerification() throws Exception {
    sender("/hooks").onEvent(anOrderPlaced());
    Received got = received.get(0);
    String id = got.header("webhook-id");
    String ts = got.header("webhook-timestamp");
    String sig = got.header("webhook-signature");
    byte[] tampered =
        new String(got.body(), StandardCharsets.UTF_8)
            .replace("39.98", "0.01")
            .getBytes(StandardCharsets.UTF_8);
    String otherSecret =
        "whsec_"
            + Base64.getEncoder().encodeToString("another secret of 32 bytes ......".getBytes());
    Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

    assertThat(WebhookSignature.verify(SECRET, id, ts, sig, tampered, NOW, tolerance)).isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET,
                id,
                Long.toString(NOW.getEpochSecond() + 1),
                sig,
                got.body(),
                NOW,
                tolerance))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, id + "x", ts, sig, got.body(), NOW, tolerance))
        .isFalse();
    assertThat(WebhookSignature.verify(otherSecret, id, ts, sig, got.body(), NOW, tolerance))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, id, ts, sig, got.body(), NOW.plus(Duration.ofMinutes(6)), tolerance))
        .as("too old a timestamp")
        .isFalse();
    assertThat(
            WebhookSignature.verify(SECRET, id, ts, "v1,AAAA " + sig, got.body(), NOW, tolerance))
        .as("one matching entry among several")
        .isTrue();
  }

  @Test
  void anAnswerOtherThan2xx_isAFailureNamingTheStatusOnly() {
    status.set(500);

    assertThatThrownBy(() -> sender("/hooks").onEvent(anOrderPlaced()))
        .hasMessage("HTTP 500")
        .isInstanceOf(WebhookSender.DeliveryFailedException.class);
  }

  @Test
  void aRefusedConnection_isAFailure() throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    WebhookSender sender =
        new WebhookSender(
            new WebhookEndpoint(
                URI.create("http://127.0.0.1:" + port + "/hooks"),
                WebhookSecret.parse(SECRET),
                EnumSet.allOf(EventType.class)),
            WebhookSender.httpClient(Duration.ofSeconds(2)),
            json,
            Duration.ofSeconds(5),
            Clock.systemUTC());

    assertThatThrownBy(() -> sender.onEvent(anOrderPlaced()))
        .isInstanceOf(WebhookSender.DeliveryFailedException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void anInterruptDuringTheSend_isThrownAsSuch_notAsAFailedDelivery() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.createContext(
        "/slow",
        exchange -> {
          arrived.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread delivering =
        new Thread(
            () -> {
              try {
                sender("/slow").onEvent(anOrderPlaced());
              } catch (Exception e) {
                thrown.set(e);
              }
            });
    delivering.start();
    assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();

    delivering.interrupt(); // as the dispatcher's close() does to its workers
    delivering.join(30_000);
    release.countDown();

    assertThat(thrown.get())
        .as("what the dispatcher sees: a shutdown, not the receiver's failure")
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void secretsThatAreNotWhsecBase64_areRefusedWithoutRepeatingThem() {
    for (String bad :
        List.of(
            "not-a-secret-at-all-but-long-enough",
            "whsec_***not base64***",
            "whsec_" + Base64.getEncoder().encodeToString(new byte[8]))) {
      assertThatThrownBy(() -> WebhookSecret.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("webhook secret")
          .hasMessageNotContaining(bad);
    }
    assertThat(WebhookSecret.parse(SECRET).toString()).doesNotContain(SECRET.substring(6));
  }

  @Test
  void urlsThatAreNotHttp_areRefused() {
    for (String bad :
        List.of("ftp://example.com/x", "file:///etc/passwd", "/relative", "http:///nohost")) {
      assertThatThrownBy(() -> WebhookEndpoint.checkUrl(URI.create(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http or https");
    }
  }
}

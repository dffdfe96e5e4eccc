package org.barebones.store.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness itself: ordered overrides, the waiting helper, the receiver and the observers. */
class HarnessTest {

  @Test
  void aKeySetAgain_replacesItsValueWhereItStands() {
    Overrides overrides =
        Overrides.none().set("a", "1").set("b", "2").set("a", "3").setAll(Map.of("c", "4"));

    assertThat(overrides.asMap())
        .containsExactly(Map.entry("a", "3"), Map.entry("b", "2"), Map.entry("c", "4"));
    assertThat(overrides.toSystemProperties()).containsExactly("-Ddw.a=3", "-Ddw.b=2", "-Ddw.c=4");
    ConfigOverride[] dropwizard = overrides.toConfigOverrides();
    assertThat(dropwizard).hasSize(4); // random ports, then a, b and c once each
  }

  @Test
  void theDefaults_pointAtTheDatabase_andTestsMayReplaceAnyOfThem() {
    Db db = new Db("org.h2.Driver", "jdbc:h2:mem:x", "sa", null);

    Overrides overrides = Overrides.defaults(db).set("jwt.secret", "another");

    assertThat(overrides.asMap())
        .containsEntry("database.url", "jdbc:h2:mem:x")
        .containsEntry("database.password", "")
        .containsEntry("jwt.secret", "another");
  }

  @Test
  void await_returnsTheFirstValueThatIsDone_andFailsNamingWhatItWaitedFor() {
    AtomicInteger polls = new AtomicInteger();

    assertThat(Await.until("three", Duration.ofSeconds(5), polls::incrementAndGet, n -> n == 3))
        .isEqualTo(3);
    assertThatThrownBy(() -> Await.until("never", Duration.ofMillis(200), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never")
        .hasMessageContaining("last seen: false");
  }

  @Test
  void theReceiver_recordsEachRequest_answersAsTold_andRefusesWhileStopped() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open()) {
      receiver.answer(n -> n <= 2 ? 500 : 200);
      StoreClient client = new StoreClient(receiver.port(), Duration.ofSeconds(5));
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        statuses.add(
            client
                .send("POST", "/hook", "{\"n\":" + i + "}", null, Map.of("X-Try", "" + i))
                .status());
      }
      assertThat(statuses).containsExactly(500, 500, 200);
      List<LoopbackReceiver.Request> seen = receiver.awaitRequests(3, Duration.ofSeconds(5));
      assertThat(seen).extracting(LoopbackReceiver.Request::path).containsOnly("/hook");
      assertThat(seen.get(2).method()).isEqualTo("POST");
      assertThat(seen.get(2).header("x-try")).isEqualTo("2");
      assertThat(new String(seen.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
      assertThat(seen)
          .extracting(LoopbackReceiver.Request::answered)
          .containsExactly(500, 500, 200);

      int port = receiver.port();
      receiver.stop();
      assertThatThrownBy(() -> client.get("/hook")).isInstanceOf(UncheckedIOException.class);
      receiver.start();
      assertThat(receiver.port()).isEqualTo(port);
      assertThat(client.get("/again").status()).isEqualTo(200);
      assertThat(receiver.requests()).hasSize(4);
    }
  }

  @Test
  void everyAnswer_passesThroughTheObservers_untilTheirHandleIsClosed() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open()) {
      StoreClient client = new StoreClient(receiver.port(), Duration.ofSeconds(5));
      List<String> observed = new ArrayList<>();
      StoreClient.Observation handle =
          StoreClient.observeAll(
              (method, uri, headers, reply) ->
                  observed.add(method + " " + uri.getPath() + " " + reply.status()));
      try {
        client.get("/one");
        client.post("/two", Map.of("k", "v"), "token");
      } finally {
        handle.close();
      }
      client.get("/three");

      assertThat(observed).containsExactly("GET /one 200", "POST /two 200");
    }
  }
}

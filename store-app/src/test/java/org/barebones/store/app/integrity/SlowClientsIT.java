package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.Accounting.Report;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Ledger;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.RunsAlone;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: from one address (127.0.0.1), three times as many connections as the server has threads
 * trickle request bodies ("slow POST"), and separately as many trickle their headers; meanwhile a
 * client on another address (127.0.0.2) keeps getting 200 within a second, a slow mobile client
 * (127.0.0.3, a 2 KiB body at 1 KiB/s) gets through, and the server closes the trickling bodies
 * (408 or a closed connection). Afterwards the books balance and a purchase goes through. The same
 * body attack against the server with {@code slowClients.enabled: false} must take it down.
 *
 * <p>The victim uses a second loopback address rather than forwarded headers, so that the server
 * runs on its defaults (no {@code useForwardedHeaders}) and tells the clients apart by their socket
 * address, exactly as it would on the open network.
 */
@RunsAlone
class SlowClientsIT {

  /** A small pool, so that three times as many slow connections stay cheap for the test. */
  private static final int POOL = 64;

  private static final int ATTACKERS = 3 * POOL;
  private static final Duration TRICKLE = Duration.ofSeconds(2);
  private static final Duration VICTIM_DEADLINE = Duration.ofSeconds(1);

  private static final InetAddress ATTACKER = address("127.0.0.1");
  private static final InetAddress VICTIM = address("127.0.0.2");
  private static final InetAddress MOBILE = address("127.0.0.3");

  @Test
  void slowBodies_withTheDefaultBounds_areClosed_andOtherClientsKeepBeingServed() throws Exception {
    underTheDefaultBounds(
        "slow_bodies",
        node -> {
          // Each connection forges its own X-Forwarded-For: were it believed (forwarded headers
          // are off by default), each would get threads of its own and the pool would be gone.
          Attack attack =
              Attack.slowBodies(node.port(), ATTACKERS, i -> "10.9." + (i / 250) + "." + i % 250);
          attack.awaitConnected();
          Victim victim = Victim.start(node.port());
          MobileResult mobile = slowMobileRegistration(node.port());
          // The attack runs until every connection is closed by the server, or for at most 25 s.
          attack.awaitAllEnded(Duration.ofSeconds(25));
          victim.stop();
          attack.stop();

          Map<String, Integer> outcomes = attack.outcomes();
          Figures.record(
              "SlowClientsIT",
              String.format(
                  "bounds on (maxThreads %d): %d slow-body connections from one address, %d closed"
                      + " by the server within %d ms (%s); other client: %d requests, answers %s,"
                      + " slowest %d ms; mobile client (2 KiB at 1 KiB/s): %d in %d ms",
                  POOL,
                  ATTACKERS,
                  attack.endedByServer(),
                  attack.lastEndMillis(),
                  outcomes,
                  victim.count(),
                  victim.statuses(),
                  victim.slowestMillis(),
                  mobile.status(),
                  mobile.millis()));

          assertThat(victim.count()).as("the other client was sampled").isGreaterThan(10);
          assertThat(victim.statuses()).as("the other client's answers").containsOnlyKeys(200);
          assertThat(victim.slowestMillis()).isLessThan(VICTIM_DEADLINE.toMillis());
          assertThat(mobile.status()).as("the slow mobile client").isEqualTo(200);
          assertThat(attack.endedByServer())
              .as("slow-body connections the server closed: %s", outcomes)
              .isEqualTo(ATTACKERS);
          // Each is answered 408 (and then usually closed at once: "408 kept open" counts the few
          // still open 5 s after their answer, which hold no thread) or closed without an answer.
          assertThat(outcomes.keySet())
              .allMatch(o -> o.startsWith("408") || o.equals("closed/reset"));
        });
  }

  @Test
  void slowBodies_withTheBoundsOff_takeTheServerDown_theControl() throws Exception {
    Db db = Db.h2InMemory("slow_bodies_off");
    try (Node node = Node.start(db, settings("slowClients.enabled", "false"))) {
      Attack attack = Attack.slowBodies(node.port(), ATTACKERS, i -> null);
      // Long enough for several samples, each of which must fail for the outage to be shown.
      Victim victim = Victim.sampleDuring(attack, node.port(), VICTIM, "", 3);
      int endedDuringAttack = attack.endedByServer();
      attack.stop();
      Figures.record(
          "SlowClientsIT",
          String.format(
              "control, bounds off (maxThreads %d): %d slow-body connections; other client: %d"
                  + " requests, answers %s (-1: no answer within %d ms), slowest %d ms; %d slow"
                  + " connections closed by the server during the attack",
              POOL,
              ATTACKERS,
              victim.count(),
              victim.statuses(),
              Victim.TIMEOUT.toMillis(),
              victim.slowestMillis(),
              endedDuringAttack));
      assertThat(victim.okWithin(VICTIM_DEADLINE))
          .as("with the bounds off, no request of the other client is served in time")
          .isZero();
    }
  }

  /**
   * Its first requests used to take 2-3 s: Jetty's forwarded-header customizer gives the request an
   * unresolved client address, and Jetty's ThreadLimitHandler, finding no address in it, limited no
   * forwarded request at all. The attack then held every thread of the pool until the minimum body
   * rate cut its requests off (408), and the victim waited for a thread meanwhile. The store's own
   * customizer now gives a resolved address, so the attack holds its per-address share only.
   */
  @Test
  void behindABalancer_withForwardedHeadersOn_theLimitCountsTheForwardedClient() throws Exception {
    Db db = Db.h2InMemory("slow_forwarded");
    try (Node node =
        Node.start(
            db,
            settings(
                "server.applicationConnectors[0].useForwardedHeaders",
                "true",
                "trustedProxies",
                "127.0.0.1"))) {
      // A fresh server answers its first requests slowly (seconds under load): warm it up as the
      // other proofs do, by stocking it, before the victim's clock runs.
      stock(node.shop());
      byte[] forwarded =
          RawHttp.request(
              "GET", "/api/products?limit=1", "X-Forwarded-For: 198.51.100.8\r\n", new byte[0]);
      for (int i = 0; i < 20; i++) {
        assertThat(RawHttp.send(node.port(), forwarded, Victim.TIMEOUT).status()).isEqualTo(200);
      }
      // Attacker and victim both arrive from the "balancer" 127.0.0.1; only the header differs.
      Attack attack = Attack.slowBodies(node.port(), ATTACKERS, i -> "203.0.113.7");
      Victim victim =
          Victim.sampleDuring(
              attack, node.port(), ATTACKER, "X-Forwarded-For: 198.51.100.9\r\n", 20);
      attack.stop();
      Figures.record(
          "SlowClientsIT",
          String.format(
              "forwarded headers on (trustedProxies 127.0.0.1): %d slow-body connections for one"
                  + " forwarded client through 127.0.0.1; another forwarded client through"
                  + " 127.0.0.1: %d requests, answers %s, slowest %d ms (ms each: %s)",
              ATTACKERS,
              victim.count(),
              victim.statuses(),
              victim.slowestMillis(),
              victim.millis()));
      // Were the limit counting 127.0.0.1, the victim would queue behind the attack's waiting
      // requests; were it counting nobody (as before), the attack would hold every thread. Either
      // way the victim would miss the deadline the other proofs hold it to.
      assertThat(victim.statuses()).containsOnlyKeys(200);
      assertThat(victim.slowestMillis()).isLessThan(VICTIM_DEADLINE.toMillis());
    }
  }

  @Test
  void slowHeaders_withTheDefaultBounds_doNoHarm() throws Exception {
    underTheDefaultBounds(
        "slow_headers",
        node -> {
          Attack attack = Attack.slowHeaders(node.port(), ATTACKERS);
          Victim victim = Victim.sampleDuring(attack, node.port(), VICTIM, "", 40);
          int ended = attack.endedByServer();
          attack.stop();
          Figures.record(
              "SlowClientsIT",
              String.format(
                  "slow headers (maxThreads %d): %d connections from one address; other client: %d"
                      + " requests, answers %s, slowest %d ms; %d slow connections closed by the"
                      + " server meanwhile",
                  POOL,
                  ATTACKERS,
                  victim.count(),
                  victim.statuses(),
                  victim.slowestMillis(),
                  ended));
          assertThat(victim.statuses()).containsOnlyKeys(200);
          assertThat(victim.slowestMillis()).isLessThan(VICTIM_DEADLINE.toMillis());
        });
  }

  /** What an attack does to a node, given the node under attack. */
  @FunctionalInterface
  private interface AttackOn {
    void run(Node node) throws Exception;
  }

  /**
   * A node with the default bounds (a small pool) and a few reference products, the attack on it,
   * then {@link #afterwards}: a normal purchase goes through and the books balance.
   */
  private static void underTheDefaultBounds(String name, AttackOn attack) throws Exception {
    Db db = Db.h2InMemory(name);
    try (Node node = Node.start(db, settings())) {
      Shop shop = node.shop();
      Map<Long, Integer> startStock = stock(shop);
      attack.run(node);
      afterwards(db, shop, startStock);
    }
  }

  /**
   * The defaults but a small pool, and no graceful stop: with the default 30 s grace period,
   * stopping the server after an attack waited the whole period (and with 1 s it failed on the
   * timeout).
   */
  private static Map<String, String> settings(String... more) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.maxThreads", String.valueOf(POOL));
    settings.put("server.shutdownGracePeriod", "0s");
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  private static Map<Long, Integer> stock(Shop shop) {
    Shop.Producer seller = shop.newProducer("slow-reference");
    Map<Long, Integer> startStock = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      startStock.put(shop.newProduct(seller, "Reference " + i, "3.00", 20), 20);
    }
    return startStock;
  }

  /** A normal purchase goes through and the books balance. */
  private static void afterwards(Db db, Shop shop, Map<Long, Integer> startStock) throws Exception {
    long product = startStock.keySet().iterator().next();
    Cart cart = shop.newCart();
    Shop.expect(200, shop.putLine(cart, product, 2));
    Reply bought = Shop.expect(200, shop.checkout(cart));
    Shop.expect(200, shop.order(bought.json().path("order").path("id").asLong(), cart));
    assertThat(shop.client().get("/api/products/" + product).json().path("inventory_count").asInt())
        .isEqualTo(18);
    Report books;
    try (Connection connection = db.connect()) {
      books = Accounting.check(connection, startStock, new Ledger(), false);
    }
    Figures.record(
        "SlowClientsIT", "afterwards: a purchase went through; books: " + books.figures());
    assertThat(books.violations()).as(books.toString()).isEmpty();
  }

  /** What the slow mobile client got, and how long its request took. */
  record MobileResult(int status, long millis) {}

  /**
   * A producer registration whose JSON body is 2 KiB, sent at 1 KiB/s (128 bytes every 125 ms) from
   * {@link #MOBILE}.
   */
  private static MobileResult slowMobileRegistration(int port) throws IOException {
    String json =
        "{\"username\": \""
            + Shop.uniqueUsername("mobile")
            + "\", \"password\": \""
            + Shop.PASSWORD
            + "\"";
    StringBuilder padded = new StringBuilder(json);
    while (padded.length() < 2047) {
      padded.append(' ');
    }
    byte[] body = padded.append('}').toString().getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /api/producer HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(MOBILE, 0));
      socket.connect(new InetSocketAddress(ATTACKER, port), 3_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      for (int offset = 0; offset < body.length; offset += 128) {
        // The pause is the point: a client whose uplink carries 1 KiB/s.
        pause(Duration.ofMillis(125));
        out.write(body, offset, Math.min(128, body.length - offset));
        out.flush();
      }
      int status = readStatus(socket.getInputStream());
      return new MobileResult(status, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** The status of the answer on {@code in}, or -1 when the connection closes first. */
  private static int readStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    String[] parts = line.toString().split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      return -1;
    }
    return Integer.parseInt(parts[1]);
  }

  private static void pause(Duration duration) {
    try {
      // A pause on purpose: each caller says at its call why it waits for time, not a condition.
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A client on {@link #VICTIM} asking for {@code GET /api/products?limit=1} again and again, one
   * request per connection, each with a deadline of {@link #TIMEOUT}.
   */
  private static final class Victim {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final int port;
    private final InetAddress from;
    private final String headers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<RawHttp.Answer> answers = new ArrayList<>();
    private final Thread thread;

    private Victim(int port, InetAddress from, String headers) {
      this.port = port;
      this.from = from;
      this.headers = headers;
      this.thread = new Thread(this::run, "victim");
    }

    static Victim start(int port) {
      return start(port, VICTIM, "");
    }

    /**
     * Once every connection of {@code attack} is open, a victim on {@code from} (sending {@code
     * headers} too) for {@code samples} answers or 15 s, whichever comes first; then stopped.
     */
    static Victim sampleDuring(
        Attack attack, int port, InetAddress from, String headers, int samples)
        throws InterruptedException {
      attack.awaitConnected();
      Victim victim = start(port, from, headers);
      victim.awaitSamples(samples, Duration.ofSeconds(15));
      victim.stop();
      return victim;
    }

    /** A victim on {@code from}, sending {@code headers} (lines ending in CRLF) too. */
    static Victim start(int port, InetAddress from, String headers) {
      Victim victim = new Victim(port, from, headers);
      victim.thread.start();
      return victim;
    }

    private void run() {
      byte[] request = RawHttp.request("GET", "/api/products?limit=1", headers, new byte[0]);
      while (running.get()) {
        RawHttp.Answer answer = RawHttp.send(port, request, TIMEOUT, from);
        synchronized (answers) {
          answers.add(answer);
          answers.notifyAll();
        }
        // Samples, not load: a pause between requests keeps the victim a light client.
        pause(Duration.ofMillis(100));
      }
    }

    void awaitSamples(int n, Duration max) throws InterruptedException {
      long deadline = System.nanoTime() + max.toNanos();
      synchronized (answers) {
        while (answers.size() < n && System.nanoTime() < deadline) {
          answers.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(TIMEOUT.toMillis() + 2_000);
    }

    int count() {
      synchronized (answers) {
        return answers.size();
      }
    }

    Map<Integer, Integer> statuses() {
      Map<Integer, Integer> statuses = new TreeMap<>();
      synchronized (answers) {
        answers.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
      }
      return statuses;
    }

    long slowestMillis() {
      synchronized (answers) {
        return answers.stream().mapToLong(RawHttp.Answer::nanos).max().orElse(0) / 1_000_000;
      }
    }

    List<Long> millis() {
      synchronized (answers) {
        return answers.stream().map(a -> a.nanos() / 1_000_000).toList();
      }
    }

    long okWithin(Duration deadline) {
      synchronized (answers) {
        return answers.stream()
            .filter(a -> a.status() == 200 && a.nanos() < deadline.toNanos())
            .count();
      }
    }
  }

  /**
   * Many connections from {@link #ATTACKER}, each sending a head and then one byte per {@link
   * #TRICKLE}, and noting how the server ends it: an answer's status, or a closed or reset
   * connection.
   */
  private static final class Attack {

    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final CountDownLatch connected;
    private final CountDownLatch ended;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long start = System.nanoTime();
    private volatile long lastEndNanos;

    private Attack(int count) {
      connected = new CountDownLatch(count);
      ended = new CountDownLatch(count);
    }

    /**
     * {@code POST /api/producer} promising 60,000 bytes of JSON, sent one space at a time; {@code
     * forwardedFor} gives connection {@code i} an {@code X-Forwarded-For} address (null: none).
     */
    static Attack slowBodies(int port, int count, IntFunction<String> forwardedFor) {
      return start(
          port,
          count,
          i ->
              "POST /api/producer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + (forwardedFor.apply(i) == null
                      ? ""
                      : "X-Forwarded-For: " + forwardedFor.apply(i) + "\r\n")
                  + "Content-Length: 60000\r\n\r\n{",
          ' ');
    }

    /** {@code GET /api/products} whose head never ends: one more header byte at a time. */
    static Attack slowHeaders(int port, int count) {
      return start(
          port, count, i -> "GET /api/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 'a');
    }

    private static Attack start(int port, int count, IntFunction<String> heads, char trickle) {
      Attack attack = new Attack(count);
      for (int i = 0; i < count; i++) {
        String head = heads.apply(i);
        Thread thread = new Thread(() -> attack.connection(port, head, trickle), "attacker-" + i);
        thread.setDaemon(true);
        attack.threads.add(thread);
        thread.start();
      }
      return attack;
    }

    private void connection(int port, String head, char trickle) {
      boolean counted = false;
      try (Socket socket = new Socket()) {
        synchronized (sockets) {
          sockets.add(socket);
        }
        socket.bind(new InetSocketAddress(ATTACKER, 0));
        socket.connect(new InetSocketAddress(ATTACKER, port), 5_000);
        socket.setSoTimeout((int) TRICKLE.toMillis());
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        connected.countDown();
        counted = true;
        while (running.get()) {
          try {
            int status = readStatus(in);
            end(status < 0 ? "closed/reset" : status + (closedAfterAnswer(in) ? "" : " kept open"));
            return;
          } catch (SocketTimeoutException quiet) {
            // Nothing from the server for one trickle interval: send the next byte.
          }
          out.write(trickle);
          out.flush();
        }
      } catch (IOException e) {
        if (running.get()) {
          end("closed/reset");
        }
      } finally {
        if (!counted) {
          connected.countDown();
        }
      }
    }

    /** Whether the server closes the connection within a few seconds of its answer. */
    private static boolean closedAfterAnswer(InputStream in) {
      byte[] rest = new byte[4096];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      try {
        while (System.nanoTime() < deadline) {
          try {
            if (in.read(rest) < 0) {
              return true;
            }
          } catch (SocketTimeoutException notYet) {
            // keep reading until the deadline
          }
        }
        return false;
      } catch (IOException reset) {
        return true;
      }
    }

    private void end(String outcome) {
      synchronized (outcomes) {
        outcomes.merge(outcome, 1, Integer::sum);
      }
      lastEndNanos = System.nanoTime();
      ended.countDown();
    }

    void awaitConnected() throws InterruptedException {
      connected.await(30, TimeUnit.SECONDS);
    }

    void awaitAllEnded(Duration max) throws InterruptedException {
      ended.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the attack: closes the connections still open. */
    void stop() throws InterruptedException {
      running.set(false);
      synchronized (sockets) {
        for (Socket socket : sockets) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
      for (Thread thread : threads) {
        thread.join(5_000);
      }
    }

    int endedByServer() {
      synchronized (outcomes) {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
      }
    }

    Map<String, Integer> outcomes() {
      synchronized (outcomes) {
        return new TreeMap<>(outcomes);
      }
    }

    long lastEndMillis() {
      return lastEndNanos == 0 ? 0 : (lastEndNanos - start) / 1_000_000;
    }
  }
}

package org.barebones.store.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient.Reply;

/**
 * Test support: many buyers racing for scarce stock through one or more store nodes, each buyer
 * spreading its requests over the nodes at random. Every checkout's answer goes into a {@link
 * Ledger}; anything else than 200 or a 409 for stock is counted as unexpected.
 */
public final class CheckoutLoad {

  public static final String INSUFFICIENT_STOCK = "/problems/insufficient-stock";

  /** The load's shape; {@code seed} makes the carts' contents repeatable. */
  public record Settings(
      int buyers,
      int products,
      int stockPerProduct,
      int cartsPerBuyer,
      int maxLines,
      int maxQuantity,
      long seed,
      Duration deadline) {}

  /** What happened: the ledger, the stock at the start, and what went wrong on the way. */
  public record Result(
      Ledger ledger,
      Map<Long, Integer> startStock,
      long requests,
      long unexpected,
      long unanswered,
      List<String> samples,
      Duration took) {

    public String figures() {
      return String.format(
          "%d requests in %d ms (%.0f/s), %d unexpected answers, %d unanswered",
          requests,
          took.toMillis(),
          requests * 1000.0 / Math.max(1, took.toMillis()),
          unexpected,
          unanswered);
    }
  }

  private final List<Shop> nodes;
  private final Settings settings;
  private final Ledger ledger = new Ledger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final Queue<String> samples = new ConcurrentLinkedQueue<>();
  private final Map<Long, Integer> startStock = new LinkedHashMap<>();
  private final List<Long> productIds = new ArrayList<>();
  private final Queue<Cart> cutOff = new ConcurrentLinkedQueue<>();
  private final Map<Long, Cart> cancelsCutOff = new ConcurrentHashMap<>();
  private Shop.Producer seller;
  private double cancelShare;

  public CheckoutLoad(List<Shop> nodes, Settings settings) {
    this.nodes = List.copyOf(nodes);
    this.settings = settings;
  }

  /** Creates one producer and the load's products, through the first node. */
  public CheckoutLoad stock() {
    Shop shop = nodes.get(0);
    seller = shop.newProducer("seller");
    for (int i = 0; i < settings.products(); i++) {
      long id =
          shop.newProduct(seller, "Scarce item " + i, "1." + (10 + i), settings.stockPerProduct());
      productIds.add(id);
      startStock.put(id, settings.stockPerProduct());
    }
    return this;
  }

  /**
   * From now on, the buyer of each order answered 200 cancels it at once with this probability (0
   * to 1), so that the load returns stock as well as taking it.
   */
  public CheckoutLoad cancelling(double share) {
    this.cancelShare = share;
    return this;
  }

  /** The orders whose cancellation got no certain answer, with the cart that placed them. */
  public Map<Long, Cart> cancelsCutOff() {
    return Map.copyOf(cancelsCutOff);
  }

  public Map<Long, Integer> startStock() {
    return Map.copyOf(startStock);
  }

  public Shop.Producer seller() {
    return seller;
  }

  /** The carts whose checkout got no certain answer (no answer at all, or not 200/409). */
  public List<Cart> cartsCutOff() {
    return List.copyOf(cutOff);
  }

  public Ledger ledger() {
    return ledger;
  }

  /**
   * Every buyer fills its carts, all wait at one gate, then all check out at once; each buyer also
   * checks out its neighbour's first cart, so that every first cart is checked out twice
   * concurrently, usually through two different nodes.
   */
  public Result race() throws InterruptedException {
    int buyers = settings.buyers();
    List<List<Filled>> carts = new ArrayList<>();
    for (int b = 0; b < buyers; b++) {
      carts.add(new ArrayList<>());
    }
    long start = System.nanoTime();
    runBuyers(
        buyer -> {
          Random random = new Random(settings.seed() * 31 + buyer);
          for (int c = 0; c < settings.cartsPerBuyer(); c++) {
            Filled filled = fill(random);
            if (filled != null) {
              synchronized (carts) {
                carts.get(buyer).add(filled);
              }
            }
          }
        });
    CountDownLatch gate = new CountDownLatch(buyers);
    runBuyers(
        buyer -> {
          Random random = new Random(settings.seed() * 17 + buyer);
          List<Filled> mine;
          Filled neighbours;
          synchronized (carts) {
            mine = List.copyOf(carts.get(buyer));
            List<Filled> next = carts.get((buyer + 1) % buyers);
            neighbours = next.isEmpty() ? null : next.get(0);
          }
          gate.countDown();
          try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the buyers never all reached the gate");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (Filled filled : mine) {
            checkout(random, filled);
            if (filled == mine.get(0) && neighbours != null) {
              checkout(random, neighbours);
            }
          }
        });
    return result(start);
  }

  /**
   * Every buyer fills a cart and checks it out, again and again, until {@code stop} says so, its
   * carts run out, or the deadline passes; a failed request does not stop a buyer.
   */
  public Result continuous(BooleanSupplier stop) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + settings.deadline().toNanos();
    runBuyers(
        buyer -> {
          Random random = new Random(settings.seed() * 31 + buyer);
          for (int c = 0;
              c < settings.cartsPerBuyer() && !stop.getAsBoolean() && System.nanoTime() < deadline;
              c++) {
            Filled filled = fill(random);
            if (filled != null) {
              checkout(random, filled);
            }
          }
        });
    return result(start);
  }

  private Result result(long start) {
    return new Result(
        ledger,
        startStock(),
        requests.get(),
        unexpected.get(),
        unanswered.get(),
        List.copyOf(samples),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private interface Buyer {
    public void run(int buyer);
  }

  private void runBuyers(Buyer body) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(settings.buyers());
    AtomicBoolean failed = new AtomicBoolean();
    try {
      for (int b = 0; b < settings.buyers(); b++) {
        int buyer = b;
        pool.execute(
            () -> {
              try {
                body.run(buyer);
              } catch (RuntimeException | Error e) {
                failed.set(true);
                note("buyer " + buyer + " died: " + e);
              }
            });
      }
    } finally {
      pool.shutdown();
    }
    if (!pool.awaitTermination(settings.deadline().toSeconds() + 30, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new AssertionError("the buyers did not finish within " + settings.deadline());
    }
    if (failed.get()) {
      unexpected.incrementAndGet();
    }
  }

  /** A cart and the lines the server accepted into it. */
  private record Filled(Cart cart, Map<Long, Integer> lines) {}

  private Shop node(Random random) {
    return nodes.get(random.nextInt(nodes.size()));
  }

  /** A new cart with 1..maxLines distinct products; null if the server could not be reached. */
  private Filled fill(Random random) {
    try {
      requests.incrementAndGet();
      Cart cart = node(random).newCart();
      Map<Long, Integer> lines = new TreeMap<>();
      int wanted = 1 + random.nextInt(settings.maxLines());
      for (int i = 0; i < wanted; i++) {
        long product = productIds.get(random.nextInt(productIds.size()));
        int quantity = 1 + random.nextInt(settings.maxQuantity());
        requests.incrementAndGet();
        Reply reply = node(random).putLine(cart, product, quantity);
        if (reply.status() == 200) {
          lines.put(product, quantity);
        } else if (reply.status() != 409) { // more than the stock left: fine
          unexpected(reply, "PUT line");
        }
      }
      return lines.isEmpty() ? null : new Filled(cart, lines);
    } catch (UncheckedIOException e) {
      note("filling a cart: " + e.getMessage());
      unanswered.incrementAndGet();
      return null;
    } catch (AssertionError e) {
      note("filling a cart: " + e.getMessage());
      unexpected.incrementAndGet();
      return null;
    }
  }

  private void checkout(Random random, Filled filled) {
    Reply reply;
    try {
      requests.incrementAndGet();
      reply = node(random).checkout(filled.cart());
    } catch (UncheckedIOException e) {
      ledger.unknown(filled.cart().id(), filled.lines());
      cutOff.add(filled.cart());
      note("checkout without an answer: " + e.getMessage());
      unanswered.incrementAndGet();
      return;
    }
    if (reply.status() == 200) {
      JsonNode order = reply.json().path("order");
      ledger.bought(filled.cart().id(), filled.lines(), order.path("id").asLong());
      if (cancelShare > 0 && random.nextDouble() < cancelShare) {
        cancel(random, filled.cart(), order.path("id").asLong());
      }
    } else if (reply.status() == 409 && INSUFFICIENT_STOCK.equals(reply.problemType())) {
      ledger.short_(filled.cart().id(), filled.lines());
    } else {
      ledger.unknown(filled.cart().id(), filled.lines());
      cutOff.add(filled.cart());
      unexpected(reply, "checkout");
    }
  }

  private void cancel(Random random, Cart cart, long orderId) {
    Reply reply;
    try {
      requests.incrementAndGet();
      reply = node(random).cancel(orderId, cart);
    } catch (UncheckedIOException e) {
      ledger.cancelUnknown(orderId);
      cancelsCutOff.put(orderId, cart);
      note("cancellation without an answer: " + e.getMessage());
      unanswered.incrementAndGet();
      return;
    }
    if (reply.status() == 200 && "canceled".equals(reply.json().path("status").asText())) {
      ledger.canceled(orderId);
    } else {
      ledger.cancelUnknown(orderId);
      cancelsCutOff.put(orderId, cart);
      unexpected(reply, "cancellation");
    }
  }

  private void unexpected(Reply reply, String what) {
    unexpected.incrementAndGet();
    note(what + ": " + reply);
  }

  private void note(String sample) {
    if (samples.size() < 20) {
      samples.add(sample);
    }
  }
}

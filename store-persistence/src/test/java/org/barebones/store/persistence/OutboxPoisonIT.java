package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.FailedDelivery;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.RecordedEvent;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.PageRequest;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox on the databases, against what a hostile or careless world leaves in it (issue 20): an
 * event this version cannot read (a type a newer node recorded, an order that is gone) is set aside
 * as failed with its reason and never blocks the others (4); a claim reads the orders of all its
 * {@code order.placed} in one query (4); purges from many nodes at once delete each row once (5).
 */
class OutboxPoisonIT {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String TARGET = "webhook:https://receiver.example/hooks";

  private final StatementCounter statements = new StatementCounter();

  private StorePersistence open(TestDatabases.Kind kind, DataSource dataSource) {
    JdbiStorePersistence.migrate(dataSource);
    return JdbiStorePersistence.open(
        Jdbi.create(statements.wrap(dataSource)), TestDatabases.CURRENCY);
  }

  @OnEachDatabase
  void anUnreadableEvent_isSetAsideAsFailed_andNeverBlocksTheOthers(TestDatabases.Kind kind)
      throws Exception {
    DataSource db = kind.fresh("outbox_poison");
    StorePersistence store = open(kind, db);
    // First in line: a type this version does not know (a newer node's), and an order.placed
    // whose order is gone.
    poisonRow(db, "evt_from_a_newer_node", "order.refunded", null, T0.minusSeconds(20));
    poisonRow(db, "evt_of_a_lost_order", "order.placed", 987_654L, T0.minusSeconds(10));
    Order order = anOrder(store);
    StoreEvent placed = new StoreEvent(EventId.random(), T0, new OrderPlaced(order));
    StoreEvent soldOut =
        new StoreEvent(EventId.random(), T0, new ProductOutOfStock(aProduct(store, 0)));
    store.transactions().inTransaction(() -> append(store, placed, soldOut));

    List<Delivery> claimed = store.events().claim(List.of(TARGET), T0, LEASE, 10);

    assertThat(claimed).extracting(Delivery::event).containsExactlyInAnyOrder(placed, soldOut);
    List<FailedDelivery> failed = store.events().failed(10);
    assertThat(failed)
        .extracting(FailedDelivery::eventId, FailedDelivery::eventType, FailedDelivery::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new EventId("evt_from_a_newer_node"), "order.refunded", 0),
            org.assertj.core.groups.Tuple.tuple(
                new EventId("evt_of_a_lost_order"), "order.placed", 0));
    assertThat(failed.get(0).lastError()).contains("unknown event type order.refunded");
    assertThat(failed.get(1).lastError()).contains("order 987654 of the event is missing");
    assertThat(failed).allSatisfy(f -> assertThat(f.failedAt()).isEqualTo(T0));
    assertThat(store.events().stats().failed()).isEqualTo(2);
    assertThat(store.events().stats().pending()).isEqualTo(2);
    assertThat(store.events().list(PageRequest.first()).items())
        .as("the event log leaves out what it cannot read")
        .extracting(RecordedEvent::event)
        .containsExactly(placed, soldOut);

    // Once every node knows the type, an operator re-queues them: the unknown one is set aside
    // again here (this version still cannot read it), and the good ones are untouched.
    assertThat(store.events().requeueFailed(T0.plusSeconds(1))).isEqualTo(2);
    assertThat(store.events().claim(List.of(TARGET), T0.plusSeconds(1), LEASE, 10)).isEmpty();
    assertThat(store.events().stats().failed()).isEqualTo(2);
  }

  @OnEachDatabase
  void aClaimOfManyOrdersPlaced_readsTheirOrdersInOneQuery(TestDatabases.Kind kind) {
    StorePersistence store = open(kind, kind.fresh("outbox_claim_queries"));
    int many = 20;
    for (int i = 0; i < many; i++) {
      StoreEvent placed = new StoreEvent(EventId.random(), T0, new OrderPlaced(anOrder(store)));
      store.transactions().inTransaction(() -> append(store, placed));
    }

    statements.reset();
    List<Delivery> claimed = store.events().claim(List.of(TARGET), T0, LEASE, many);

    assertThat(claimed).hasSize(many);
    // The due rows, their lease, their events, and the orders of all of them.
    assertThat(statements.count()).as("statements of one claim of %d", many).isEqualTo(4);
  }

  @OnEachDatabase
  void purgesFromManyNodesAtOnce_deleteEachRowOnce(TestDatabases.Kind kind) throws Exception {
    StorePersistence store = open(kind, kind.fresh("outbox_purge_race"));
    Instant old = T0.minus(Duration.ofDays(30));
    int events = 120;
    for (int i = 0; i < events; i++) {
      StoreEvent event =
          new StoreEvent(EventId.random(), old, new ProductOutOfStock(aProduct(store, 0)));
      store.transactions().inTransaction(() -> append(store, event));
    }
    for (Delivery d : store.events().claim(List.of(TARGET), old, LEASE, events)) {
      store.events().markDelivered(d, old);
    }
    int nodes = 6;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    CountDownLatch start = new CountDownLatch(1);
    List<Integer> deleted = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n; (n = store.events().purge(T0.minus(Duration.ofDays(7)), 7)) > 0; ) {
                    deleted.add(n);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(deleted.stream().mapToInt(Integer::intValue).sum())
        .as("deliveries and events deleted over all nodes")
        .isEqualTo(2 * events);
    assertThat(store.events().list(PageRequest.first()).items()).isEmpty();
    System.out.printf(
        "OutboxPoisonIT %s: %d nodes purged %d rows in %d batches%n",
        kind, nodes, 2 * events, deleted.size());
  }

  private static Void append(StorePersistence store, StoreEvent... events) {
    for (StoreEvent event : events) {
      store.events().append(event, List.of(TARGET));
    }
    return null;
  }

  /** An event row and its pending delivery, written as another version of the store would. */
  private static void poisonRow(DataSource db, String id, String type, Long orderId, Instant at)
      throws Exception {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement event =
          c.prepareStatement(
              "INSERT INTO store_event (id, type, created_at, order_id) VALUES (?, ?, ?, ?)")) {
        event.setString(1, id);
        event.setString(2, type);
        event.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        event.setObject(4, orderId);
        event.executeUpdate();
      }
      try (PreparedStatement delivery =
          c.prepareStatement(
              "INSERT INTO event_delivery (event_seq, target, status, attempts, queued_at,"
                  + " next_attempt_at) SELECT seq, ?, 'pending', 0, created_at, created_at"
                  + " FROM store_event WHERE id = ?")) {
        delivery.setString(1, TARGET);
        delivery.setString(2, id);
        delivery.executeUpdate();
      }
    }
  }

  private static Order anOrder(StorePersistence store) {
    Product product = aProduct(store, 10);
    return Seed.order(store, store.carts().create(T0).id(), T0, List.of(Seed.line(product, 2)));
  }

  private static Product aProduct(StorePersistence store, int stock) {
    return Seed.product(store, "1.25", stock);
  }
}

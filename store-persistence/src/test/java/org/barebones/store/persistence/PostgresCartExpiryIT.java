package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.StorePersistence;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The CartExpiry contract and its control, on PostgreSQL; and two nodes (two sets of adapters, each
 * with its own connection pool) sweeping one database at once.
 */
class PostgresCartExpiryIT extends JdbiCartExpiryContract {

  PostgresCartExpiryIT() {
    super(TestDatabases.Kind.POSTGRESQL);
  }

  @Test
  void twoNodesSweepingAtOnce_deleteEachIdleCartOnce() throws Exception {
    Instant start = freshClock().instant();
    StorePersistence nodeA = database().store();
    DataSource secondPool = secondPool();
    StorePersistence nodeB =
        JdbiStorePersistence.open(Jdbi.create(secondPool), TestDatabases.CURRENCY);
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      carts.add(nodeA.carts().create(start).id());
    }
    Instant cutoff = start.plus(Duration.ofSeconds(1));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (StorePersistence node : List.of(nodeA, nodeB, nodeA, nodeB)) {
        sweeps.add(
            pool.submit(
                () -> {
                  go.await();
                  int deleted = 0;
                  int batch;
                  while ((batch = node.carts().deleteIdleOpenCarts(cutoff, 10)) > 0) {
                    deleted += batch;
                  }
                  return deleted;
                }));
      }
      go.countDown();
      int total = 0;
      List<Integer> each = new ArrayList<>();
      for (Future<Integer> sweep : sweeps) {
        each.add(sweep.get());
        total += each.get(each.size() - 1);
      }

      assertThat(total).as("carts deleted by the four sweepers " + each).isEqualTo(1_000);
      // At least two sweepers really raced (a thread that the scheduler starts late may find
      // nothing left, so "every sweeper" would depend on scheduling); exactly-once is above.
      assertThat(each.stream().filter(n -> n > 0).count())
          .as("sweepers that deleted carts " + each)
          .isGreaterThanOrEqualTo(2);
      for (CartId cart : carts) {
        assertThat(nodeA.carts().findById(cart)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
      ((org.apache.tomcat.jdbc.pool.DataSource) secondPool).close();
    }
  }

  private DataSource secondPool() {
    org.apache.tomcat.jdbc.pool.DataSource first =
        (org.apache.tomcat.jdbc.pool.DataSource) database().dataSource();
    org.apache.tomcat.jdbc.pool.DataSource second = new org.apache.tomcat.jdbc.pool.DataSource();
    second.setDataSource(first.getPoolProperties().getDataSource());
    second.setInitialSize(0);
    second.setMinIdle(0);
    second.setMaxIdle(8);
    second.setMaxActive(8);
    return second;
  }
}

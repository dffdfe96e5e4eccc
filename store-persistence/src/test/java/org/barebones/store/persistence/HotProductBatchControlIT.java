package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.barebones.store.domain.contract.HotProductContract;
import org.barebones.store.domain.port.StorePersistence;
import org.junit.jupiter.api.Test;

/**
 * Control cases: the hot-product contract's sales run over the JDBI adapters with shared commits
 * whose units have no savepoints (a refused cart's changes made before its refusal stay in the
 * group's commit). The contract must see it, on H2 and on PostgreSQL; if these ever pass cleanly,
 * it proves nothing about the grouping.
 */
class HotProductBatchControlIT {

  private static final int TRIES = 3;

  /** The contract's sales over adapters whose shared units are not isolated from each other. */
  private static final class Broken extends HotProductContract {
    private final Supplier<StorePersistence> database;

    Broken(Supplier<StorePersistence> database) {
      this.database = database;
      store = persistence();
      ((JdbiTransactions) store.transactions()).runSharedUnitsWithoutSavepoints();
    }

    @Override
    protected StorePersistence persistence() {
      return database.get();
    }

    @Override
    protected int threads() {
      return 64;
    }
  }

  @Test
  void theSaleOfTwoProducts_onH2_catchesAGroupWithoutSavepoints() throws Exception {
    assertCaught("H2", () -> TestDatabases.h2Persistence(HotProductBatchControlIT.class));
  }

  @Test
  void theSaleOfTwoProducts_onPostgresql_catchesAGroupWithoutSavepoints() throws Exception {
    assertCaught(
        "PostgreSQL", () -> TestDatabases.postgresPersistence(HotProductBatchControlIT.class));
  }

  private static void assertCaught(String database, Supplier<StorePersistence> persistence)
      throws Exception {
    boolean caught = false;
    for (int i = 0; i < TRIES && !caught; i++) {
      HotProductContract.PairOutcome outcome = new Broken(persistence).pairSale();
      System.out.printf("HotProductBatchControlIT on %s, no savepoints: %s%n", database, outcome);
      caught =
          outcome.brokenOrders() != 0
              || outcome.hotLeft() != 0
              || outcome.sold() != outcome.hotStock()
              || outcome.otherUnitsTaken() != outcome.sold();
    }
    assertThat(caught)
        .as("a group without savepoints went unseen by the sale of carts of two products")
        .isTrue();
  }
}

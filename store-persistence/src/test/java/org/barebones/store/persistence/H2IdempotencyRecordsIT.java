package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.barebones.store.domain.contract.IdempotencyRecordsContract;
import org.barebones.store.domain.port.StorePersistence;
import org.junit.jupiter.api.Test;

/**
 * The IdempotencyRecords contract, run by the JDBI adapters on H2 in PostgreSQL mode, and its
 * control.
 */
class H2IdempotencyRecordsIT extends IdempotencyRecordsContract {

  private static final DataSource DATABASE = TestDatabases.h2("H2IdempotencyRecordsIT");
  private static final StorePersistence STORE =
      JdbiStorePersistence.migrateAndOpen(DATABASE, TestDatabases.CURRENCY);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }

  @Test
  void theContract_catchesRecordsKeptOutsideTheChangesUnitOfWork() {
    assertThat(ControlRecords.failedUnitOfWork(this, DATABASE))
        .as("what the broken records left behind")
        .isNotEmpty();
  }
}

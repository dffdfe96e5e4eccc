package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.barebones.store.domain.contract.IdempotencyRecordsContract;
import org.barebones.store.domain.port.StorePersistence;
import org.junit.jupiter.api.Test;

/**
 * The IdempotencyRecords contract, run by the JDBI adapters on one database (a subclass per kind),
 * and its control: the contract must catch records kept outside the change's unit of work.
 */
abstract class JdbiIdempotencyRecordsContract extends IdempotencyRecordsContract {

  /** The suite's database, made for its first test and shared by the others. */
  final TestDatabases.Migrated database;

  JdbiIdempotencyRecordsContract(TestDatabases.Kind kind) {
    this.database = TestDatabases.shared(getClass(), kind);
  }

  /** PostgreSQL has real connections and row locks: as many client threads as a busy server. */
  @Override
  protected int threads() {
    return database.kind() == TestDatabases.Kind.H2 ? super.threads() : 32;
  }

  @Test
  void theContract_catchesRecordsKeptOutsideTheChangesUnitOfWork() {
    assertThat(ControlRecords.failedUnitOfWork(this, database.dataSource()))
        .as("what the broken records left behind")
        .isNotEmpty();
  }

  @Override
  protected StorePersistence persistence() {
    return database.store();
  }
}

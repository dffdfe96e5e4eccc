package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.barebones.store.domain.contract.CartExpiryContract;
import org.barebones.store.domain.port.StorePersistence;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The CartExpiry contract, run by the JDBI adapters on one database (a subclass per kind), and its
 * control: the contract's race must catch a sweep that neither locks nor checks again.
 */
abstract class JdbiCartExpiryContract extends CartExpiryContract {

  private final TestDatabases.Kind kind;

  JdbiCartExpiryContract(TestDatabases.Kind kind) {
    this.kind = kind;
  }

  /** The suite's database, made on its first test and shared by the others. */
  final TestDatabases.Migrated database() {
    return TestDatabases.shared(getClass(), kind);
  }

  @Override
  protected StorePersistence persistence() {
    return database().store();
  }

  /** PostgreSQL has real connections and row locks: as many client threads as a busy server. */
  @Override
  protected int threads() {
    return kind == TestDatabases.Kind.POSTGRESQL ? 32 : super.threads();
  }

  @Test
  void theRace_catchesASweepThatNeitherLocksNorChecksAgain() throws Exception {
    RaceOutcome outcome =
        race(ControlSweeps.chooseThenDelete(Jdbi.create(database().dataSource())));

    assertThat(outcome.violations()).as("what the broken sweep did").isNotEmpty();
  }
}

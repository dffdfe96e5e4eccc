package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.barebones.store.domain.contract.CartExpiryContract;
import org.barebones.store.domain.port.StorePersistence;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The CartExpiry contract, run by the JDBI adapters on H2 in PostgreSQL mode, and its control. */
class H2CartExpiryIT extends CartExpiryContract {

  private static final DataSource DATABASE = TestDatabases.h2("H2CartExpiryIT");
  private static final StorePersistence STORE =
      JdbiStorePersistence.migrateAndOpen(DATABASE, TestDatabases.CURRENCY);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }

  @Test
  void theRace_catchesASweepThatNeitherLocksNorChecksAgain() throws Exception {
    RaceOutcome outcome = race(ControlSweeps.chooseThenDelete(Jdbi.create(DATABASE)));

    assertThat(outcome.violations()).as("what the broken sweep did").isNotEmpty();
  }
}

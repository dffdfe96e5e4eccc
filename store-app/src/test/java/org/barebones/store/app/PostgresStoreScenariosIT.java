package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;

/** The full API scenarios on PostgreSQL (embedded, or STORE_TEST_POSTGRES_URL). */
class PostgresStoreScenariosIT extends StoreScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Db.postgres("app_scenarios"));

  PostgresStoreScenariosIT() {
    super(APP);
  }
}

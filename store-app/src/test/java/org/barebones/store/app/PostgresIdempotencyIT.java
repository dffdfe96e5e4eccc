package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;

/** The Idempotency-Key scenarios on PostgreSQL (embedded, or STORE_TEST_POSTGRES_URL). */
class PostgresIdempotencyIT extends IdempotencyScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Db.postgres("app_idempotency"));

  PostgresIdempotencyIT() {
    super(APP);
  }
}

package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Idempotency-Key scenarios on PostgreSQL (embedded, or STORE_TEST_POSTGRES_URL). */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostgresIdempotencyIT extends IdempotencyScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Overrides.defaults(Db.postgres("app_idempotency")));

  @Override
  protected DropwizardAppExtension<StoreConfiguration> app() {
    return APP;
  }
}

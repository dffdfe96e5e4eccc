package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.junit.jupiter.api.extension.ExtendWith;

/** The full API scenarios on the server's embedded database, H2 (in memory here). */
@ExtendWith(DropwizardExtensionsSupport.class)
class H2StoreScenariosIT extends StoreScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Overrides.defaults(Db.h2InMemory("scenarios")));

  @Override
  protected DropwizardAppExtension<StoreConfiguration> app() {
    return APP;
  }
}

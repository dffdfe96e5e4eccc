package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;

/** The full API scenarios on the server's embedded database, H2 (in memory here). */
class H2StoreScenariosIT extends StoreScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Db.h2InMemory("scenarios"));

  H2StoreScenariosIT() {
    super(APP);
  }
}

package org.barebones.store.app;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.barebones.store.app.testing.StoreClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the scenario suites that run once per database: the concrete class keeps its server in a
 * {@code static} field (so that it runs for the whole class) and hands it over; each test gets a
 * client of it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
abstract class ServerSuite {

  private final DropwizardAppExtension<StoreConfiguration> app;

  protected StoreClient api;

  ServerSuite(DropwizardAppExtension<StoreConfiguration> app) {
    this.app = app;
  }

  protected DropwizardAppExtension<StoreConfiguration> app() {
    return app;
  }

  @BeforeEach
  void connect() {
    api = new StoreClient(app.getLocalPort());
  }
}

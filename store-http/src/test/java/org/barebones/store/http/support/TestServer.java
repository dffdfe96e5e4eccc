package org.barebones.store.http.support;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.barebones.store.domain.Store;
import org.barebones.store.http.HttpSettings;
import org.barebones.store.http.StoreHttp;

/**
 * A real Dropwizard server (Jetty, servlets, Dropwizard's default exception mappers) that runs only
 * the API, as {@link StoreHttp#register} puts it on an environment.
 */
public final class TestServer {
  private TestServer() {}

  /** The application: what store-app does, minus configuration and persistence. */
  public static final class ApiApplication extends Application<Configuration> {
    private final Store store;
    private final HttpSettings settings;

    ApiApplication(Store store, HttpSettings settings) {
      this.store = store;
      this.settings = settings;
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
      StoreHttp.register(environment, store, settings);
    }
  }

  public static DropwizardAppExtension<Configuration> extension(
      Store store, HttpSettings settings) {
    Configuration configuration = new Configuration();
    DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
    return new DropwizardAppExtension<>(
        new DropwizardTestSupport<>(ApiApplication.class, configuration) {
          @Override
          public Application<Configuration> newApplication() {
            return new ApiApplication(store, settings);
          }
        });
  }
}

package org.barebones.store.app;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@code slowClients} bounds on the server, all of them Jetty's own: the servlet layer's
 * minimum request data rate and the per-request idle timeout of each application connector's {@link
 * HttpConfiguration}, and a {@link ThreadLimitHandler} in front of the API's servlets.
 */
final class SlowClients {

  private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);

  private SlowClients() {}

  static void install(
      SlowClientsConfiguration config, ServerFactory serverFactory, Environment environment) {
    if (!config.isEnabled()) {
      LOG.warn("slowClients.enabled is false: slow request bodies can hold every server thread");
      return;
    }
    int maxThreads =
        serverFactory instanceof AbstractServerFactory server ? server.getMaxThreads() : 1024;
    int perAddress = config.threadsPerAddress(maxThreads);
    if (perAddress > 0) {
      // No forwarded header of its own: the handler then keys on the connection's remote address
      // as the request sees it, which ForwardedHeaders has replaced by the client behind a trusted
      // proxy (a resolved address: an unresolved one, as Jetty's own customizer makes, is not
      // limited at all). The login throttle reads the same address, so both agree on who a client
      // is.
      ThreadLimitHandler limit = new ThreadLimitHandler(null, false);
      limit.setThreadLimit(perAddress);
      // Inside the API's context, around its servlets: a request blocked reading its body holds a
      // permit; requests beyond the limit are suspended without a thread. The admin port is apart.
      environment.getApplicationContext().insertHandler(limit);
    }
    long minRate = config.getMinRequestBodyRate().toBytes();
    long idleMillis = config.getRequestIdleTimeout().toMilliseconds();
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  configureConnectors(server, minRate, idleMillis);
                }
              }
            });
    LOG.info("Slow clients: at most {} thread(s) per client address", perAddress);
  }

  private static void configureConnectors(Server server, long minRate, long idleMillis) {
    for (Connector connector : server.getConnectors()) {
      if ("admin".equals(connector.getName()) || !(connector instanceof ContainerLifeCycle beans)) {
        continue;
      }
      // Dropwizard wraps each connection factory in a metrics one: look inside, recursively.
      for (HttpConfiguration.ConnectionFactory http :
          beans.getContainedBeans(HttpConfiguration.ConnectionFactory.class)) {
        HttpConfiguration httpConfig = http.getHttpConfiguration();
        // A connector's own minRequestDataPerSecond wins over the store's default.
        if (httpConfig.getMinRequestDataRate() <= 0 && minRate > 0) {
          httpConfig.setMinRequestDataRate(minRate);
        }
        if (idleMillis > 0) {
          httpConfig.setIdleTimeout(idleMillis);
        }
        LOG.info(
            "Connector {}: request bodies at least {} B/s, {} ms idle while a request is open",
            connector.getName(),
            httpConfig.getMinRequestDataRate(),
            httpConfig.getIdleTimeout());
      }
    }
  }
}

package org.barebones.store.app;

import io.dropwizard.core.setup.Environment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the connectors' forwarded headers (Dropwizard's {@code useForwardedHeaders}) count only for
 * requests whose peer is a trusted proxy ({@code trustedProxies}), and names the client by {@link
 * TrustedProxies#clientBehind}. Every per-address rule reads that one address: the login throttle,
 * the sign-up and cart limits, and the slow clients' thread limit.
 */
final class ForwardedHeaders {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardedHeaders.class);

  private ForwardedHeaders() {}

  static void install(TrustedProxies proxies, Environment environment) {
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  guard(server, proxies);
                }
              }
            });
  }

  /** Wraps each application connector's forwarded-header customizer in the proxy check. */
  static void guard(Server server, TrustedProxies proxies) {
    boolean anyForwarded = false;
    for (Connector connector : server.getConnectors()) {
      if ("admin".equals(connector.getName()) || !(connector instanceof ContainerLifeCycle beans)) {
        continue;
      }
      for (HttpConfiguration.ConnectionFactory http :
          beans.getContainedBeans(HttpConfiguration.ConnectionFactory.class)) {
        HttpConfiguration config = http.getHttpConfiguration();
        List<HttpConfiguration.Customizer> customizers = new ArrayList<>();
        boolean changed = false;
        for (HttpConfiguration.Customizer customizer : config.getCustomizers()) {
          if (customizer instanceof ForwardedRequestCustomizer forwarded) {
            customizers.add(new TrustedProxyCustomizer(forwarded, proxies));
            changed = true;
          } else {
            customizers.add(customizer);
          }
        }
        if (changed) {
          config.setCustomizers(customizers);
          anyForwarded = true;
        }
      }
    }
    if (anyForwarded && proxies.isEmpty()) {
      LOG.warn(
          "useForwardedHeaders is on but trustedProxies is empty: forwarded headers are ignored"
              + " from every peer; list the balancer's addresses in trustedProxies");
    } else if (anyForwarded) {
      LOG.info("Forwarded headers believed only from the trusted proxies {}", proxies);
    } else if (!proxies.isEmpty()) {
      LOG.warn("trustedProxies is set but no connector has useForwardedHeaders: it has no effect");
    }
  }

  /**
   * Jetty's forwarded-header customizer, applied only when the peer is a trusted proxy, with the
   * client address chosen by the store's rule and given as a resolved address (built from its
   * bytes, no lookup): Jetty's own gives an unresolved one, which its {@code ThreadLimitHandler}
   * cannot key on, so forwarded clients escaped the per-address thread limit altogether.
   */
  static final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {
    private final ForwardedRequestCustomizer delegate;
    private final TrustedProxies proxies;

    TrustedProxyCustomizer(ForwardedRequestCustomizer delegate, TrustedProxies proxies) {
      this.delegate = delegate;
      this.proxies = proxies;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
      SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
      if (!(peer instanceof InetSocketAddress inet)
          || inet.getAddress() == null
          || !proxies.trusts(inet.getAddress())) {
        return request;
      }
      Request forwarded = delegate.customize(request, responseHeaders);
      Optional<InetAddress> client =
          proxies.clientBehind(request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
      InetSocketAddress remote = new InetSocketAddress(client.orElse(inet.getAddress()), 0);
      ConnectionMetaData meta =
          new ConnectionMetaData.Wrapper(forwarded.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
              return remote;
            }
          };
      return new Request.Wrapper(forwarded) {
        @Override
        public ConnectionMetaData getConnectionMetaData() {
          return meta;
        }
      };
    }
  }
}

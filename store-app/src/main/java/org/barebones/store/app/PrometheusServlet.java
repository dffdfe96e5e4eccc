package org.barebones.store.app;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code GET /metrics/prometheus} on the admin port: every metric of Dropwizard's registry (JVM,
 * Jetty, connection pool, the store's own, and whatever else registers there later) in the
 * Prometheus text format, through the Prometheus client's Dropwizard bridge.
 */
final class PrometheusServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient CollectorRegistry registry = new CollectorRegistry();

  PrometheusServlet(MetricRegistry metrics) {
    new DropwizardExports(metrics).register(registry);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String type = TextFormat.chooseContentType(request.getHeader("Accept"));
    response.setStatus(200);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    try (Writer writer = response.getWriter()) {
      TextFormat.writeFormat(type, writer, registry.metricFamilySamples());
    }
  }
}

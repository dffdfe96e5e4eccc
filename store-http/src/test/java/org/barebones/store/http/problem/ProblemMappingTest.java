package org.barebones.store.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.io.EOFException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.barebones.store.http.openapi.OpenApiContract;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryApi;
import org.barebones.store.http.support.MutableClock;
import org.barebones.store.http.support.Reply;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failures that clients cannot cause (a database outage, a bug) and what Jersey refuses by itself,
 * each answered as a problem; the product repository is a double that fails on demand.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProblemMappingTest {
  private static final MutableClock CLOCK = new MutableClock(TestStores.START);
  private static final ProductRepository PRODUCTS = failingProducts();
  private static final ResourceExtension RESOURCES =
      TestStores.resources(TestStores.store(CLOCK, persistenceWith(PRODUCTS)));

  private final Api api = new InMemoryApi(RESOURCES);

  private static ProductRepository failingProducts() {
    ProductRepository products = mock(ProductRepository.class);
    when(products.list(any()))
        .thenThrow(
            new StoreUnavailableException(
                "The database is unreachable", new SQLException("Connection refused")));
    when(products.findById(ProductId.of(1))).thenThrow(new IllegalStateException("invariant x"));
    when(products.findById(ProductId.of(2))).thenThrow(new NullPointerException("field y"));
    when(products.findById(ProductId.of(3)))
        .thenThrow(new IllegalArgumentException("password=hunter2"));
    when(products.findById(ProductId.of(4))).thenReturn(Optional.empty());
    when(products.findById(ProductId.of(5)))
        .thenAnswer(
            invocation -> {
              throw new EOFException("early EOF"); // as Jetty's EofException when a client leaves
            });
    when(products.findById(ProductId.of(6)))
        .thenThrow(new RuntimeException(new ZipException("Invalid gzip bytes"))); // as Jetty's
    return products;
  }

  private static StorePersistence persistenceWith(ProductRepository products) {
    StorePersistence memory = Store.inMemoryPersistence(Store.DEFAULT_CURRENCY);
    return new StorePersistence(
        memory.producers(),
        products,
        memory.carts(),
        memory.orders(),
        memory.events(),
        memory.transactions(),
        memory.idempotency());
  }

  @Test
  void storeUnavailable_answers503() {
    Reply reply = api.get("/api/products");

    JsonNode problem = reply.assertProblem(503, "unavailable");
    assertThat(problem.path("detail").asText()).doesNotContain("Connection refused");
  }

  @Test
  @SuppressWarnings("try") // the resource only scopes the suspension of the OpenAPI check
  void unexpectedExceptions_answer500WithAGenericDetail() throws Exception {
    for (long id = 1; id <= 3; id++) {
      Reply reply;
      try (AutoCloseable unchecked = OpenApiContract.suspend("a 500 provoked by a broken store")) {
        reply = api.get("/api/products/" + id);
      }

      JsonNode problem = reply.assertProblem(500, "internal-error");
      assertThat(problem.path("detail").asText())
          .matches("The server failed to answer; the error is logged as [0-9a-f]{16}");
      assertThat(reply.body()).doesNotContain("invariant", "field y", "hunter2", "Exception");
    }
  }

  /**
   * A client's fault is a 4xx problem, not a 500: a connection closed mid-request, a body that is
   * not the gzip its encoding names (both as Jetty reports them), what the domain does not find,
   * and a path that names nothing.
   */
  @ParameterizedTest(name = "{0}: {1} answers {2} {3}")
  @CsvSource({
    "a connection closed mid-request, /api/products/5, 400, malformed-request",
    "a body that is not the gzip its encoding names, /api/products/6, 400, malformed-request",
    "a product the domain does not find, /api/products/4, 404, not-found",
    "an unknown path, /api/nothing-here, 404, not-found",
    "an unknown path below a product, /api/products/1/extra, 404, not-found"
  })
  void aClientsFault_answersItsProblem(String what, String path, int status, String type) {
    api.get(path).assertProblem(status, type);
  }

  @Test
  void unsupportedMethod_answers405WithAllow() {
    Reply reply = api.send("PATCH", "/api/products/4", Map.of(), "{}".getBytes(), Api.JSON);

    reply.assertProblem(405, "method-not-allowed");
    assertThat(reply.header("Allow")).contains("GET", "PUT", "DELETE");
  }

  @Test
  void unacceptableResponseType_answers406() {
    api.send("GET", "/api/products/4", Map.of("Accept", "application/xml"), null, null)
        .assertProblem(406, "not-acceptable");
  }

  @Test
  void problemsNameTheirTypeTitleStatusAndDetailOnly() {
    Reply reply = api.get("/api/products/4");

    JsonNode problem = reply.assertProblem(404, "not-found");
    assertThat(problem.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("type", "title", "status", "detail");
  }
}

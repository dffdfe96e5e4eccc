package org.barebones.store.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.barebones.store.http.OpenApiDocument;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is valid OpenAPI 3.1 and names every operation of API.md (1 and 1.1). */
class OpenApiDocumentTest {

  private static SwaggerParseResult parse(String text) {
    return parse(text, false);
  }

  private static SwaggerParseResult parse(String text, boolean inline) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(inline);
    options.setValidateInternalRefs(true);
    return new OpenAPIV3Parser().readContents(text, null, options);
  }

  @Test
  void yamlAndJson_areValidOpenApi31_withNoParserMessages() {
    for (String text : List.of(OpenApiDocument.yaml(), OpenApiDocument.json())) {
      SwaggerParseResult result = parse(text);
      assertThat(result.getMessages()).isEmpty();
      assertThat(result.getOpenAPI()).isNotNull();
      assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }
  }

  @Test
  void parser_reportsABrokenDocument() {
    // The control: the same parser does complain, so the empty messages above mean something.
    String broken =
        OpenApiDocument.yaml()
            .replace(
                "$ref: \"#/components/schemas/Product\"", "$ref: \"#/components/schemas/Nope\"");
    assertThat(parse(broken).getMessages()).isNotEmpty();
  }

  @Test
  void everyOperationOfTheApi_isDescribed() {
    OpenAPI api = parse(OpenApiDocument.yaml()).getOpenAPI();
    TreeSet<String> operations = new TreeSet<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      path.getValue()
          .readOperationsMap()
          .keySet()
          .forEach(method -> operations.add(method + " " + path.getKey()));
    }
    assertThat(operations)
        .containsExactlyInAnyOrder(
            "GET /",
            "GET /openapi.json",
            "GET /openapi.yaml",
            "POST /api/producer",
            "GET /api/producer",
            "POST /api/producer/login",
            "GET /api/producer/{id}",
            "GET /api/producer/{id}/orders",
            "GET /api/products",
            "POST /api/products",
            "GET /api/products/{id}",
            "PUT /api/products/{id}",
            "DELETE /api/products/{id}",
            "POST /api/shopping_cart",
            "GET /api/shopping_cart/{id}",
            "PUT /api/shopping_cart/{id}",
            "DELETE /api/shopping_cart/{id}",
            "POST /api/shopping_cart/{id}/checkout",
            "GET /api/orders/{id}",
            "POST /api/orders/{id}/shipment",
            "POST /api/orders/{id}/cancellation");
    assertThat(api.getWebhooks())
        .containsOnlyKeys(
            "order.placed",
            "order.shipped",
            "product.out_of_stock",
            "order.canceled",
            "product.back_in_stock");
    assertThat(api.getComponents().getSecuritySchemes())
        .containsOnlyKeys("producerToken", "cartToken");
  }

  @Test
  void everyOperationWithAToken_declaresItsSecurityAndA401WithTheChallenge() {
    OpenAPI api = parse(OpenApiDocument.yaml(), true).getOpenAPI();
    List<String> secured = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (operation.getSecurity() != null) {
                            secured.add(method + " " + path);
                            assertThat(operation.getResponses()).containsKey("401");
                            assertThat(operation.getResponses().get("401").getHeaders())
                                .containsKey("WWW-Authenticate");
                          }
                        }));
    assertThat(secured).hasSize(11);
  }

  @Test
  void cartCreation_describesThe429WithRetryAfter() {
    OpenAPI api = parse(OpenApiDocument.yaml(), true).getOpenAPI();
    var tooMany = api.getPaths().get("/api/shopping_cart").getPost().getResponses().get("429");
    assertThat(tooMany.getHeaders()).containsKey("Retry-After");
    assertThat(tooMany.getContent()).containsKey("application/problem+json");
  }
}

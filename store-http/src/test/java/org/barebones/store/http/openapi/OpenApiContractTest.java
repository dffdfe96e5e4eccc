package org.barebones.store.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response validator accepts what the document describes and catches what it does not. */
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.served();
  private static final Map<String, List<String>> JSON =
      Map.of("Content-Type", List.of("application/json"));
  private static final Map<String, List<String>> PROBLEM =
      Map.of("Content-Type", List.of("application/problem+json"));

  private static String product(String price) {
    return "{\"id\": 7, \"producer_id\": 1, \"title\": \"Tea\", \"price\": "
        + price
        + ", \"inventory_count\": 3}";
  }

  @Test
  void exactDecimals_validate_whereBinaryFloatingPointWouldFailThem() {
    // 19.99 / 0.01 is 1998.9999999999998 in double: multipleOf would refuse a correct price.
    for (String price : List.of("19.99", "0.10", "1000000.00", "4.5", "7")) {
      assertThat(CONTRACT.problems("GET", "/api/products/7", 200, JSON, product(price)))
          .as(price)
          .isEmpty();
    }
  }

  @Test
  void aPriceWithThreeDecimals_orOutOfRange_isCaught() {
    assertThat(CONTRACT.problems("GET", "/api/products/7", 200, JSON, product("19.999")))
        .isNotEmpty();
    assertThat(CONTRACT.problems("GET", "/api/products/7", 200, JSON, product("0.09")))
        .isNotEmpty();
  }

  @Test
  void aMissingField_aWrongType_orAnUndescribedStatus_isCaught() {
    assertThat(
            CONTRACT.problems(
                "GET", "/api/products/7", 200, JSON, "{\"id\": 7, \"title\": \"Tea\"}"))
        .isNotEmpty();
    assertThat(
            CONTRACT.problems("GET", "/api/products", 200, JSON, "[" + product("\"19.99\"") + "]"))
        .isNotEmpty();
    String problem = "{\"type\": \"/problems/x\", \"title\": \"X\", \"status\": 500}";
    assertThat(CONTRACT.problems("GET", "/api/products/7", 500, PROBLEM, problem))
        .anyMatch(p -> p.contains("undescribed"));
    assertThat(CONTRACT.problems("GET", "/api/products/7", 200, PROBLEM, product("1.00")))
        .anyMatch(p -> p.contains("content type"));
  }

  @Test
  void requiredHeaders_areChecked() {
    String problem =
        "{\"type\": \"/problems/unauthenticated\", \"title\": \"U\", \"status\": 401,"
            + " \"detail\": \"d\"}";
    assertThat(CONTRACT.problems("POST", "/api/products", 401, PROBLEM, problem))
        .anyMatch(p -> p.contains("WWW-Authenticate"));
    Map<String, List<String>> challenged =
        Map.of(
            "Content-Type", List.of("application/problem+json"),
            "WWW-Authenticate", List.of("Bearer realm=\"barebones-store\""));
    assertThat(CONTRACT.problems("POST", "/api/products", 401, challenged, problem)).isEmpty();
  }

  @Test
  void literalPaths_winOverVariables_andUnknownPathsMustBeProblem404s() {
    String session =
        "{\"auth_token\": \"t\", \"producer\": {\"id\": 1, \"username\": \"ada\","
            + " \"products\": []}}";
    assertThat(CONTRACT.problems("POST", "/api/producer/login", 200, JSON, session)).isEmpty();
    String notFound =
        "{\"type\": \"/problems/not-found\", \"title\": \"Not found\", \"status\": 404}";
    assertThat(CONTRACT.problems("GET", "/nowhere", 404, PROBLEM, notFound)).isEmpty();
    assertThat(CONTRACT.problems("GET", "/nowhere", 200, JSON, "{}")).isNotEmpty();
    assertThat(CONTRACT.problems("GET", "/nowhere", 404, JSON, "{}")).isNotEmpty();
  }

  @Test
  void orderFieldsOfVersion11_areChecked_whenPresent() {
    String order =
        "{\"id\": 1, \"shopping_cart_id\": 2, \"currency\": \"USD\", \"total\": 9.00,"
            + " \"created_at\": \"2026-12-01T21:00:00Z\", \"status\": \"%s\", \"lines\": [{"
            + "\"product_id\": 3, \"title\": \"Tea\", \"unit_price\": 4.50, \"quantity\": 2,"
            + " \"line_total\": 9.00, \"producer_id\": null, \"status\": \"pending\","
            + " \"tracking\": null}]}";
    assertThat(CONTRACT.problems("GET", "/api/orders/1", 200, JSON, order.formatted("placed")))
        .isEmpty();
    assertThat(CONTRACT.problems("GET", "/api/orders/1", 200, JSON, order.formatted("lost")))
        .isNotEmpty();
    assertThat(
            CONTRACT.problems(
                "GET",
                "/api/orders/1",
                200,
                JSON,
                order.formatted("placed").replace("2026-12-01T21:00:00Z", "yesterday")))
        .isNotEmpty();
  }
}

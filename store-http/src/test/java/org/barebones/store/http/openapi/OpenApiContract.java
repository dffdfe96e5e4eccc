package org.barebones.store.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.barebones.store.http.OpenApiDocument;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The served OpenAPI document as a test oracle: tells what is wrong with an HTTP answer, measured
 * against the operation the request names, or that it is not described at all.
 *
 * <p>A response is described when its path matches a path of the document, its method one of that
 * path's operations and its status one of that operation's responses (or a {@code 4XX}/{@code
 * default} entry). Three answers are described by the document's conventions rather than per
 * operation, and are checked as problems: 404 for a path the document does not list, 405 for a
 * method a listed path does not answer, 406 for an {@code Accept} that excludes what an operation
 * answers. Anything else, a 500 included, is undescribed.
 *
 * <p>Bodies are validated with networknt's JSON Schema validator in OpenAPI 3.1's dialect, with
 * format assertions on, over the whole document (so {@code $ref}s resolve in place). {@code format:
 * decimal} is asserted exactly: a number with at most two decimal places, read as a decimal, never
 * through binary floating point. Documented headers marked required must be present, and every
 * documented header present is checked against its schema.
 */
public final class OpenApiContract {
  private static final String BASE = "https://barebones.store/openapi.json";
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^/}]+}");
  private static final int MONEY_DECIMALS = 2;

  private static final OpenApiContract SERVED = new OpenApiContract(OpenApiDocument.json());

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final List<Route> routes;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final tools.jackson.databind.ObjectMapper instances =
      tools.jackson.databind.json.JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The contract of {@code documentJson}, an OpenAPI 3.1 document as JSON text. */
  public OpenApiContract(String documentJson) {
    ObjectMapper json = JsonMapper.builder().build();
    try {
      this.document = json.readTree(documentJson);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    Dialect dialect =
        Dialect.builder(Dialects.getOpenApi31())
            .format(new DecimalFormat())
            .keyword(new NonValidationKeyword("x-decimal-places")) // asserted by DecimalFormat
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            dialect, builder -> builder.schemas(Map.of(BASE, documentJson)));
    this.routes = routes(document.path("paths"));
  }

  /** The contract of the document the server serves. */
  public static OpenApiContract served() {
    return SERVED;
  }

  private static final ThreadLocal<String> SUSPENDED = new ThreadLocal<>();

  /**
   * Suspends {@link #check} on this thread until the returned handle is closed, for a test that
   * provokes on purpose what the contract cannot describe (a 500 from a broken store, Jetty's own
   * refusal of a request it cannot parse); {@code why} says which.
   */
  public static AutoCloseable suspend(String why) {
    SUSPENDED.set(java.util.Objects.requireNonNull(why, "why"));
    return SUSPENDED::remove;
  }

  /** Throws an {@link AssertionError} naming every way the answer departs from the document. */
  public void check(
      String method,
      String pathAndQuery,
      int status,
      Map<String, List<String>> headers,
      String body) {
    if (SUSPENDED.get() != null) {
      return;
    }
    List<String> problems = problems(method, pathAndQuery, status, headers, body);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "The answer to "
              + method
              + " "
              + pathAndQuery
              + " ("
              + status
              + ") does not match the OpenAPI document:\n  "
              + String.join("\n  ", problems)
              + "\nbody: "
              + body);
    }
  }

  /** Every way the answer departs from the document; empty when it matches. */
  public List<String> problems(
      String method,
      String pathAndQuery,
      int status,
      Map<String, List<String>> headers,
      String body) {
    Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    String path = pathAndQuery.split("\\?", 2)[0];
    String verb = method.toLowerCase(Locale.ROOT);
    if (verb.equals("options")) {
      // Not an operation: Jersey's Allow answer, or a CORS preflight answered before any resource.
      return List.of();
    }
    boolean head = verb.equals("head");
    if (head) {
      verb = "get"; // HEAD is GET without the body (RFC 9110)
    }
    Optional<Route> route =
        routes.stream().filter(r -> r.pattern.matcher(path).matches()).findFirst();
    if (route.isEmpty()) {
      return conventional(404, status, "no path of the document matches " + path, caseless, body);
    }
    JsonNode operation = route.get().item.path(verb);
    String probe = verb;
    if (operation.isMissingNode()) {
      return conventional(
          405, status, route.get().template + " has no " + probe + " operation", caseless, body);
    }
    JsonNode responses = operation.path("responses");
    String key = Integer.toString(status);
    if (!responses.has(key)) {
      key = (status / 100) + "XX";
    }
    if (!responses.has(key)) {
      key = "default";
    }
    if (!responses.has(key)) {
      return conventional(
          406,
          status,
          method + " " + route.get().template + " does not describe status " + status,
          caseless,
          body);
    }
    String pointer =
        "/paths/" + escape(route.get().template) + "/" + verb + "/responses/" + escape(key);
    JsonNode response = responses.path(key);
    if (response.has("$ref")) {
      pointer = response.path("$ref").asText().substring(1);
      response = at(pointer);
    }
    List<String> problems = new ArrayList<>();
    checkHeaders(response, pointer, caseless, problems);
    if (head) {
      if (body != null && !body.isEmpty()) {
        problems.add("a HEAD answer has no body");
      }
    } else {
      checkContent(response, pointer, caseless, body, problems);
    }
    return problems;
  }

  private List<String> conventional(
      int expected, int status, String why, Map<String, List<String>> headers, String body) {
    if (status != expected) {
      return List.of("undescribed response: " + why);
    }
    List<String> problems = new ArrayList<>();
    String type = mediaType(headers);
    if (!"application/problem+json".equals(type)) {
      problems.add("a " + status + " must be application/problem+json, was " + type);
    } else {
      validate("/components/schemas/Problem", body, problems);
    }
    return problems;
  }

  private void checkHeaders(
      JsonNode response, String pointer, Map<String, List<String>> headers, List<String> problems) {
    for (Map.Entry<String, JsonNode> entry : response.path("headers").properties()) {
      String name = entry.getKey();
      String headerPointer = pointer + "/headers/" + escape(name);
      JsonNode header = entry.getValue();
      if (header.has("$ref")) {
        headerPointer = header.path("$ref").asText().substring(1);
        header = at(headerPointer);
      }
      List<String> values = headers.get(name);
      if (values == null || values.isEmpty()) {
        if (header.path("required").asBoolean(false)) {
          problems.add("required header " + name + " is missing");
        }
        continue;
      }
      for (String value : values) {
        for (Error error :
            schema(headerPointer + "/schema")
                .validate(JsonNodeFactory.instance.stringNode(value))) {
          problems.add("header " + name + ": " + error);
        }
      }
    }
  }

  private void checkContent(
      JsonNode response,
      String pointer,
      Map<String, List<String>> headers,
      String body,
      List<String> problems) {
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        problems.add("the document describes no body, but one was sent");
      }
      return;
    }
    String type = mediaType(headers);
    if (type == null || !content.has(type)) {
      problems.add("content type " + type + " is not one of " + names(content));
      return;
    }
    String schemaPointer = pointer + "/content/" + escape(type) + "/schema";
    if (type.endsWith("json")) {
      validate(schemaPointer, body, problems);
    } else {
      for (Error error :
          schema(schemaPointer).validate(JsonNodeFactory.instance.stringNode(body))) {
        problems.add("body: " + error);
      }
    }
  }

  private void validate(String schemaPointer, String body, List<String> problems) {
    tools.jackson.databind.JsonNode instance;
    try {
      instance = instances.readTree(body == null ? "" : body);
    } catch (tools.jackson.core.JacksonException e) {
      problems.add("the body is not JSON: " + e.getOriginalMessage());
      return;
    }
    if (instance == null || instance.isMissingNode()) {
      problems.add("the body is empty, a JSON value is described");
      return;
    }
    for (Error error :
        schema(schemaPointer)
            .validate(
                instance,
                context ->
                    context.executionConfig(config -> config.formatAssertionsEnabled(true)))) {
      problems.add(error.toString());
    }
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
  }

  private JsonNode at(String pointer) {
    JsonNode node = document.at(pointer);
    if (node.isMissingNode()) {
      throw new IllegalStateException("the document has nothing at " + pointer);
    }
    return node;
  }

  private static String mediaType(Map<String, List<String>> headers) {
    List<String> values = headers.get("Content-Type");
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.get(0).split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static List<Route> routes(JsonNode paths) {
    List<Route> routes = new ArrayList<>();
    paths
        .properties()
        .forEach(
            e -> {
              String template = e.getKey();
              StringBuilder regex = new StringBuilder();
              int last = 0;
              var matcher = PATH_VARIABLE.matcher(template);
              while (matcher.find()) {
                regex.append(Pattern.quote(template.substring(last, matcher.start())));
                regex.append("[^/]+");
                last = matcher.end();
              }
              regex.append(Pattern.quote(template.substring(last)));
              routes.add(
                  new Route(
                      template,
                      Pattern.compile(regex.toString()),
                      e.getValue(),
                      PATH_VARIABLE.matcher(template).results().count()));
            });
    // A literal segment wins over a variable one: /api/producer/login is not producer "login".
    routes.sort(Comparator.comparingLong(Route::variables));
    return List.copyOf(routes);
  }

  private record Route(String template, Pattern pattern, JsonNode item, long variables) {}

  /** {@code format: decimal}: a JSON number with at most two decimal places, read exactly. */
  private static final class DecimalFormat implements Format {
    @Override
    public String getName() {
      return "decimal";
    }

    @Override
    public boolean matches(
        ExecutionContext context,
        SchemaContext schemaContext,
        tools.jackson.databind.JsonNode value) {
      if (!value.isNumber()) {
        return true; // the type keyword answers for non-numbers
      }
      BigDecimal amount = value.decimalValue();
      return amount.stripTrailingZeros().scale() <= MONEY_DECIMALS;
    }
  }
}

package org.barebones.store.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's OpenAPI 3.1 document, kept by hand beside the resources as {@code openapi.yaml} and
 * served as written (YAML) and as JSON. Its truth is a matter of tests: every full-stack answer is
 * validated against it.
 */
public final class OpenApiDocument {
  private static final String RESOURCE = "openapi.yaml";

  private static final String YAML = load();
  private static final String JSON = toJson(YAML);

  private OpenApiDocument() {}

  /** The document as written. */
  public static String yaml() {
    return YAML;
  }

  /** The same document as JSON (numbers kept exactly as written). */
  public static String json() {
    return JSON;
  }

  private static String load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String toJson(String yaml) {
    try {
      // Decimals as written (0.10 stays 0.10), never through double.
      YAMLMapper reader =
          YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
      JsonNode tree = reader.readTree(yaml);
      ObjectMapper writer = JsonMapper.builder().build();
      return writer.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.yaml is not valid YAML", e);
    }
  }
}

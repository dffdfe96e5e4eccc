package org.barebones.store.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * Response body: an RFC 9457 problem. {@code type} is {@code /problems/<code>}, stable per kind of
 * problem; the lists appear only on the problems that carry them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    List<ShortageEntry> shortages,
    List<PriceChangeEntry> changes) {

  public static final String TYPE_PREFIX = "/problems/";

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(TYPE_PREFIX + code, title, status, detail, null, null, null);
  }

  /** One broken input rule of a 422. */
  public record FieldError(String field, String message) {}

  /** One line that lacks stock, in an {@code insufficient-stock} problem. */
  public record ShortageEntry(
      @JsonProperty("product_id") long productId, long requested, long available) {}

  /** One line whose price moved, in a {@code price-changed} problem. */
  public record PriceChangeEntry(
      @JsonProperty("product_id") long productId,
      @JsonProperty("old_unit_price") BigDecimal oldUnitPrice,
      @JsonProperty("new_unit_price") BigDecimal newUnitPrice) {}
}

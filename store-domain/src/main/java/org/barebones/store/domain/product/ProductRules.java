package org.barebones.store.domain.product;

import java.math.BigDecimal;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violations;

/** Policy: what a product's title, price and stock may be. */
public final class ProductRules {

  public static final int MAX_TITLE_LENGTH = 255;
  public static final BigDecimal MIN_PRICE = new BigDecimal("0.10");
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");
  public static final long MAX_INVENTORY = Integer.MAX_VALUE;

  // The messages are built once: products are checked on every read, not only on input.
  private static final String TITLE_TOO_LONG =
      "must be at most " + MAX_TITLE_LENGTH + " characters";
  private static final String PRICE_TOO_LOW = "must be at least " + MIN_PRICE.toPlainString();
  private static final String PRICE_TOO_HIGH = "must be at most " + MAX_PRICE.toPlainString();
  private static final String INVENTORY_OUT_OF_RANGE = "must be between 0 and " + MAX_INVENTORY;

  private ProductRules() {}

  public static void checkTitle(String title, Violations violations) {
    if (title == null) {
      violations.add("title", "is required");
    } else if (title.isBlank()) {
      violations.add("title", "must not be blank");
    } else {
      violations.check(
          title.codePointCount(0, title.length()) <= MAX_TITLE_LENGTH, "title", TITLE_TOO_LONG);
      // Control characters (NUL above all, which PostgreSQL refuses in text) have no place here.
      violations.check(
          hasNoControlCharacter(title), "title", "must not contain control characters");
    }
  }

  public static void checkPrice(BigDecimal price, Violations violations) {
    if (price == null) {
      violations.add("price", "is required");
      return;
    }
    violations.check(price.compareTo(MIN_PRICE) >= 0, "price", PRICE_TOO_LOW);
    violations.check(price.compareTo(MAX_PRICE) <= 0, "price", PRICE_TOO_HIGH);
    violations.check(Money.hasAtMostTwoDecimals(price), "price", "must have at most 2 decimals");
  }

  public static void checkInventory(Long inventoryCount, Violations violations) {
    if (inventoryCount == null) {
      violations.add("inventory_count", "is required");
      return;
    }
    violations.check(
        inventoryCount >= 0 && inventoryCount <= MAX_INVENTORY,
        "inventory_count",
        INVENTORY_OUT_OF_RANGE);
  }

  private static boolean hasNoControlCharacter(String title) {
    for (int i = 0; i < title.length(); i++) {
      if (Character.isISOControl(title.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

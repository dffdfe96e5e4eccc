package org.barebones.store.domain.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken rule of one input before failing, so a client learns all of them at once.
 */
public final class Violations {
  private final List<Violation> found = new ArrayList<>();

  /** Records a violation of {@code field} unless {@code rule} holds; returns whether it held. */
  public boolean check(boolean rule, String field, String message) {
    if (!rule) {
      found.add(new Violation(field, message));
    }
    return rule;
  }

  public void add(String field, String message) {
    found.add(new Violation(field, message));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws an {@link InvalidInputException} listing every recorded violation, if any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }
}

package org.barebones.store.domain.shared;

/**
 * Value: one page of a keyset-paged list: the rows with ids greater than {@code after}, at most
 * {@code limit} of them.
 */
public record PageRequest(long after, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    Violations violations = new Violations();
    violations.check(after >= 0, "after", "must be 0 or a positive id");
    violations.check(
        limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
    violations.throwIfAny();
  }

  /** The first page, of the default size. */
  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }

  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }
}

package org.barebones.store.domain.shared;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Value: one page of a keyset-paged list, and the cursor of the next page when more rows match. */
public record Page<T>(List<T> items, OptionalLong nextAfter) {

  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextAfter, "nextAfter");
  }

  /**
   * Builds a page from up to {@code limit + 1} rows fetched in id order: the extra row, if present,
   * only tells that a next page exists.
   */
  public static <T> Page<T> fromLookahead(
      List<T> rowsUpToLimitPlusOne, int limit, ToLongFunction<T> idOf) {
    if (rowsUpToLimitPlusOne.size() <= limit) {
      return new Page<>(rowsUpToLimitPlusOne, OptionalLong.empty());
    }
    List<T> items = rowsUpToLimitPlusOne.subList(0, limit);
    return new Page<>(items, OptionalLong.of(idOf.applyAsLong(items.get(limit - 1))));
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), nextAfter);
  }

  public boolean hasNext() {
    return nextAfter.isPresent();
  }
}

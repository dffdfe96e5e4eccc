package org.barebones.store.domain.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Predicate;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/** Keyset paging over an id-ordered map, the way the database adapters page. */
final class Paging {
  private Paging() {}

  static <T> Page<T> page(NavigableMap<Long, T> byId, PageRequest request, Predicate<T> filter) {
    List<Long> ids = new ArrayList<>();
    List<T> rows = new ArrayList<>();
    for (var entry : byId.tailMap(request.after(), false).entrySet()) {
      if (filter.test(entry.getValue())) {
        ids.add(entry.getKey());
        rows.add(entry.getValue());
        if (rows.size() > request.limit()) {
          break;
        }
      }
    }
    Page<Long> idPage = Page.fromLookahead(ids, request.limit(), Long::longValue);
    return new Page<>(rows.subList(0, idPage.items().size()), idPage.nextAfter());
  }
}

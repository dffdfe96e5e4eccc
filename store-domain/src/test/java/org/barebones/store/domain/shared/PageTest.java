package org.barebones.store.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void fromLookahead_withTheExtraRow_dropsItAndPointsAfterTheLastItem() {
    Page<Long> page = Page.fromLookahead(List.of(3L, 5L, 8L), 2, Long::longValue);

    assertThat(page.items()).containsExactly(3L, 5L);
    assertThat(page.nextAfter()).hasValue(5);
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void fromLookahead_withExactlyLimitRows_hasNoNextPage() {
    Page<Long> page = Page.fromLookahead(List.of(3L, 5L), 2, Long::longValue);

    assertThat(page.items()).containsExactly(3L, 5L);
    assertThat(page.nextAfter()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void fromLookahead_withFewerRows_hasNoNextPage() {
    assertThat(Page.fromLookahead(List.of(9L), 5, Long::longValue).items()).containsExactly(9L);
    assertThat(Page.fromLookahead(List.<Long>of(), 5, Long::longValue).hasNext()).isFalse();
  }

  @Test
  void fromLookahead_usesTheIdFunction() {
    record Row(long id, String name) {}
    Page<Row> page =
        Page.fromLookahead(
            List.of(new Row(10, "a"), new Row(20, "b"), new Row(30, "c")), 2, Row::id);

    assertThat(page.nextAfter()).isEqualTo(OptionalLong.of(20));
  }

  @Test
  void map_keepsTheCursor() {
    Page<String> mapped =
        Page.fromLookahead(List.of(1L, 2L, 3L), 2, Long::longValue).map(id -> "#" + id);

    assertThat(mapped.items()).containsExactly("#1", "#2");
    assertThat(mapped.nextAfter()).hasValue(2);
  }

  @Test
  void items_areACopy() {
    List<Long> rows = new ArrayList<>(List.of(1L, 2L));
    Page<Long> page = new Page<>(rows, OptionalLong.empty());
    rows.add(3L);

    assertThat(page.items()).containsExactly(1L, 2L);
    assertThatThrownBy(() -> page.items().add(4L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

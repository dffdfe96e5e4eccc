package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.http.problem.HttpProblem;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void pathId_takesPositiveAsciiIntegers() {
    assertThat(Params.pathId("1", "product")).isEqualTo(1);
    assertThat(Params.pathId("007", "product")).isEqualTo(7);
    assertThat(Params.pathId("9223372036854775807", "product")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void pathId_refusesAnythingElseWith404() {
    for (String raw :
        new String[] {
          "", "0", "-1", "+1", "1.0", "1e3", "abc", " 1", "9223372036854775808", "\u0663"
        }) {
      assertThatThrownBy(() -> Params.pathId(raw, "product"))
          .as(raw)
          .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(404));
    }
  }

  @Test
  void optionalLong_takesSignedIntegersAndRefusesTheRestWith400() {
    assertThat(Params.optionalLong(null, "n")).isEmpty();
    assertThat(Params.optionalLong("-5", "n")).hasValue(-5);
    assertThat(Params.optionalLong("12", "n")).hasValue(12);
    for (String raw : new String[] {"", "-", "--1", "1.5", "x", "99999999999999999999"}) {
      assertThatThrownBy(() -> Params.optionalLong(raw, "n"))
          .as(raw)
          .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
  }

  @Test
  void optionalId_refusesNonPositiveIdsWith400() {
    assertThat(Params.optionalId("3", "producer_id")).hasValue(3);
    assertThatThrownBy(() -> Params.optionalId("0", "producer_id"))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
  }

  @Test
  void paging_defaultsAndBounds() {
    assertThat(Paging.request(null, null)).isEqualTo(new PageRequest(0, 100));
    assertThat(Paging.request("10", "1000")).isEqualTo(new PageRequest(10, 1000));
    for (String[] bad : new String[][] {{"-1", null}, {null, "0"}, {null, "1001"}, {"a", null}}) {
      assertThatThrownBy(() -> Paging.request(bad[0], bad[1]))
          .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
  }
}

package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PagingTest {

  @Test
  void nextLink_withoutAQuery_addsAfterAndLimit() {
    assertThat(Paging.nextLink(URI.create("http://127.0.0.1:8080/api/products"), 5, 100))
        .isEqualTo("<http://127.0.0.1:8080/api/products?after=5&limit=100>; rel=\"next\"");
  }

  @Test
  void nextLink_replacesAfterAndLimit_andKeepsTheOtherParametersInTheirOrder() {
    URI request =
        URI.create(
            "http://h/api/products?min-inventory-count=0&after=3&producer_id=7&limit=2&after=4");

    assertThat(Paging.nextLink(request, 9, 2))
        .isEqualTo(
            "<http://h/api/products?min-inventory-count=0&producer_id=7&after=9&limit=2>;"
                + " rel=\"next\"");
  }

  @Test
  void nextLink_keepsEncodedValuesAsSent_andDropsEncodedPagingNamesAndEmptyParts() {
    URI request = URI.create("http://h/api/x?title=a%20b&&%61fter=1&li%6Dit=3&limited=1&after");

    assertThat(Paging.nextLink(request, 12, 50))
        .isEqualTo("<http://h/api/x?title=a%20b&limited=1&after=12&limit=50>; rel=\"next\"");
  }

  @Test
  void nextLink_percentEncodesWhatWasSentBeyondAscii_andKeepsWhatWasEncoded() {
    URI request = URI.create("http://h/api/products?q=th\u00e9%20vert+100%25&limit=1");

    assertThat(Paging.nextLink(request, 3, 1))
        .isEqualTo(
            "<http://h/api/products?q=th%C3%A9%20vert+100%25&after=3&limit=1>; rel=\"next\"");
  }
}

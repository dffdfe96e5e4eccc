package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.product.ProductSearch;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the catalogue search ({@link ProductQuery#search()}) of {@link
 * org.barebones.store.domain.port.ProductRepository}: every adapter finds exactly what {@link
 * ProductSearch#matches} says, in id order, with the other filters and keyset paging, and follows
 * every change of a title at once. Each test tags its titles with a word of its own and searches
 * for it too, so that the rows of other tests never count.
 */
public abstract class ProductSearchContract extends ContractSupport {

  private String tag;
  private Producer owner;

  @BeforeEach
  final void tagThisTest() {
    Random random = new Random();
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 12; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    tag = word.toString();
    owner = aProducer();
  }

  @Test
  void aTermMatchesTheStartOfAWord_whateverItsCase() {
    Product greenTea = titled("Green tea, 100 g");
    Product steamIron = titled("Steam iron");
    Product teapot = titled("TEAPOT for two");
    Product greenhouse = titled("greenhouse kit");

    assertThat(search("gre tea")).containsExactly(greenTea);
    assertThat(search("tea")).containsExactly(greenTea, teapot);
    assertThat(search("TeA")).containsExactly(greenTea, teapot);
    assertThat(search("green")).containsExactly(greenTea, greenhouse);
    assertThat(search("greenh")).containsExactly(greenhouse);
    assertThat(search("100 G")).containsExactly(greenTea);
    assertThat(search("iron steam")).containsExactly(steamIron);
    assertThat(search("eam")).as("not the start of a word").isEmpty();
    assertThat(search("ron")).isEmpty();
    assertThat(search("teas")).as("longer than every word it starts").isEmpty();
  }

  @Test
  void everyTermMustMatch_eachAnyWord() {
    Product redApple = titled("Red apple");
    Product greenApple = titled("Green apple");
    Product greenPear = titled("Green pear");

    assertThat(search("green apple")).containsExactly(greenApple);
    assertThat(search("apple gr")).containsExactly(greenApple);
    assertThat(search("apple")).containsExactly(redApple, greenApple);
    assertThat(search("pear green gre")).containsExactly(greenPear);
    assertThat(search("red pear")).isEmpty();
  }

  @Test
  void lettersAndDigitsOfEveryScript_andPunctuationSeparates() {
    Product creme = titled("Crème brûlée");
    Product strasse = titled("STRASSE map");
    Product strasseSharp = titled("Straße atlas");
    Product greek = titled("Ελληνικός καφές");
    Product russian = titled("Чай зелёный");
    Product japanese = titled("日本茶 100g");
    Product percent = titled("100% cotton, 2-pack");
    Product snake = titled("snake_case\\tool");

    assertThat(search("crè BRÛ")).containsExactly(creme);
    assertThat(search("creme")).as("accents count").isEmpty();
    assertThat(search("straß")).containsExactly(strasse, strasseSharp);
    assertThat(search("STRASSE")).containsExactly(strasse, strasseSharp);
    assertThat(search("ΚΑΦΈΣ")).containsExactly(greek);
    assertThat(search("καφέσ ελλ")).containsExactly(greek);
    assertThat(search("чай ЗЕЛ")).containsExactly(russian);
    assertThat(search("日本")).containsExactly(japanese);
    assertThat(search("100")).containsExactly(japanese, percent);
    assertThat(search("100g")).containsExactly(japanese);
    assertThat(search("100% 2")).containsExactly(percent);
    assertThat(search("pack")).containsExactly(percent);
    assertThat(search("case tool snake")).containsExactly(snake);
    assertThat(search("snake_c")).containsExactly(snake);
    assertThat(search("_case")).containsExactly(snake);
    assertThat(search("%otton")).as("% is no wildcard").isEmpty();
    assertThat(search("s_ake")).as("_ is no wildcard").isEmpty();
    assertThat(search("\\ool")).isEmpty();
  }

  @Test
  void combinesWithStockAndProducer_inIdOrder() {
    Producer other = aProducer();
    Product soldOut = titled("Blue mug", 0);
    Product mine = titled("Blue cup", 3);
    Product theirs = product(other, "Blue bowl", 5);
    Product notBlue = titled("Red mug", 5);

    assertThat(search("blue", 1, Optional.empty())).containsExactly(mine, theirs);
    assertThat(search("blue", 0, Optional.empty())).containsExactly(soldOut, mine, theirs);
    assertThat(search("blue", 0, Optional.of(owner))).containsExactly(soldOut, mine);
    assertThat(search("blue", 4, Optional.empty())).containsExactly(theirs);
    assertThat(search("mug", 0, Optional.of(owner))).containsExactly(soldOut, notBlue);
    assertThat(search("mug", 1, Optional.of(other))).isEmpty();
  }

  @Test
  void pagesByKeyset_andEachPageNamesWhereTheNextStarts() {
    List<Product> matching = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      matching.add(titled("Lamp " + i));
      titled("Chair " + i);
    }

    List<Product> seen = new ArrayList<>();
    long after = 0;
    int pages = 0;
    while (true) {
      Page<Product> page = page("lamp", new PageRequest(after, 3));
      pages++;
      seen.addAll(page.items());
      if (!page.hasNext()) {
        assertThat(page.items()).hasSize(1);
        break;
      }
      assertThat(page.items()).hasSize(3);
      after = page.nextAfter().getAsLong();
      assertThat(after).isEqualTo(page.items().get(2).id().value());
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(matching);
    Page<Product> exact = page("lamp", new PageRequest(0, 7));
    assertThat(exact.items()).containsExactlyElementsOf(matching);
    assertThat(exact.hasNext()).as("no more rows match").isFalse();
  }

  /** {@code product} as it is, but titled {@code title} after this test's tag. */
  private Product renamed(Product product, String title) {
    return new Product(
        product.id(),
        product.producerId(),
        tag + title,
        product.price(),
        product.inventoryCount(),
        product.version());
  }

  @Test
  void aRenamedProduct_stopsMatchingItsOldWordsAtOnce() {
    Product lamp = titled("Old brass lamp");

    Product chair = store.products().update(renamed(lamp, " New brass chair")).orElseThrow();

    assertThat(search("lamp")).isEmpty();
    assertThat(search("old")).isEmpty();
    assertThat(search("chair new")).containsExactly(chair);
    assertThat(search("brass")).containsExactly(chair);
    assertThat(search("bra")).containsExactly(chair);
  }

  @Test
  void aRenameThatKeepsSomeWords_keepsMatchingThem() {
    Product teapot = titled("Tea teapot tea");

    Product tea = store.products().update(renamed(teapot, " Tea")).orElseThrow();

    assertThat(search("tea")).containsExactly(tea);
    assertThat(search("teap")).isEmpty();
  }

  @Test
  void aStaleUpdate_leavesTheSearchAsItWas() {
    Product lamp = titled("Desk lamp", 5);
    assertThat(store.products().takeStock(lamp.id(), 1)).isTrue();

    assertThat(store.products().update(renamed(lamp, " Sofa"))).isEmpty();

    assertThat(search("desk")).extracting(Product::id).containsExactly(lamp.id());
    assertThat(search("sofa")).isEmpty();
  }

  @Test
  void aDeletedProduct_disappears() {
    Product lamp = titled("Floor lamp");
    Product other = titled("Floor rug");

    assertThat(store.products().delete(lamp.id())).isTrue();

    assertThat(search("floor")).containsExactly(other);
    assertThat(search("lamp")).isEmpty();
  }

  @Test
  void aSale_changesNothingButTheStock() {
    Product lamp = titled("Wall lamp", 1);
    assertThat(store.products().takeStock(lamp.id(), 1)).isTrue();

    assertThat(search("wall")).isEmpty();
    assertThat(search("wall", 0, Optional.empty()))
        .extracting(Product::inventoryCount)
        .containsExactly(0);
  }

  @Test
  void aTermLongerThanAnIndexKey_stillMatchesExactly() {
    String word = "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"; // 40 letters
    Product whole = titled("The " + word + " box");
    // The same first 34 letters, then another: an index of 32-letter keys holds the same keys.
    titled("The " + word.substring(0, 34) + "zzz box");
    Product longer = titled(word + "opq");
    titled(word.substring(0, 33));

    assertThat(search(word.substring(0, 36))).containsExactly(whole, longer);
    assertThat(search(word)).containsExactly(whole, longer);
    assertThat(search(word + "o box")).isEmpty();
    assertThat(search(word + "op")).containsExactly(longer);
    List<Product> seen = new ArrayList<>();
    Page<Product> first = page(word.substring(0, 35), new PageRequest(0, 1));
    seen.addAll(first.items());
    Page<Product> second =
        page(word.substring(0, 35), new PageRequest(first.nextAfter().getAsLong(), 1));
    seen.addAll(second.items());
    assertThat(seen).containsExactly(whole, longer);
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void aRareTermAmongCommonOnes_isFoundWhicheverTermLeads() {
    List<Product> common = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      common.add(titled("Common thing " + i));
    }
    Product rare = titled("Common thing unusual");

    assertThat(search("common unusual")).containsExactly(rare);
    assertThat(search("unusual thing common")).containsExactly(rare);
    assertThat(search("thing common", 1, Optional.of(owner))).hasSize(31);
    assertThat(search("unusual", 1, Optional.of(owner))).containsExactly(rare);
    assertThat(page("thin", new PageRequest(common.get(28).id().value(), 5)).items())
        .containsExactly(common.get(29), rare);
  }

  private Product titled(String title) {
    return titled(title, 5);
  }

  private Product titled(String title, int stock) {
    return product(owner, title, stock);
  }

  private Product product(Producer producer, String title, int stock) {
    return store
        .products()
        .add(new NewProduct(producer.id(), tag + " " + title, usd("1.00"), stock));
  }

  private List<Product> search(String text) {
    return search(text, 1, Optional.empty());
  }

  private List<Product> search(String text, long minInventory, Optional<Producer> producer) {
    return store
        .products()
        .list(
            new ProductQuery(
                minInventory,
                producer.map(Producer::id),
                PageRequest.first(PageRequest.MAX_LIMIT),
                Optional.of(ProductSearch.of(tag + " " + text))))
        .items();
  }

  private Page<Product> page(String text, PageRequest request) {
    return store
        .products()
        .list(
            new ProductQuery(
                1, Optional.empty(), request, Optional.of(ProductSearch.of(tag + " " + text))));
  }
}

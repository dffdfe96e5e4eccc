package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barebones.store.http.HttpSettings;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryApi;
import org.barebones.store.http.support.MutableClock;
import org.barebones.store.http.support.Reply;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ETags, {@code If-None-Match} and {@code Cache-Control} of the catalogue and of cart views. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConditionalGetTest {
  private static final MutableClock CLOCK = new MutableClock(TestStores.START);
  private static final ResourceExtension RESOURCES = TestStores.resources(TestStores.store(CLOCK));
  private static final ResourceExtension CONFIGURED =
      TestStores.resources(
          TestStores.store(CLOCK), new HttpSettings(64 * 1024, "public, max-age=5"));

  private final Api api = new InMemoryApi(RESOURCES);
  private final Api.Session owner = api.registerProducer();

  private Reply get(String path, String token, String ifNoneMatch) {
    Map<String, String> headers = new LinkedHashMap<>(Api.auth(token));
    if (ifNoneMatch != null) {
      headers.put("If-None-Match", ifNoneMatch);
    }
    return api.send("GET", path, headers, null, null);
  }

  private String ownerPage() {
    return "/api/products?producer_id=" + owner.id();
  }

  private static void assertNotModified(Reply reply, String tag, String cacheControl) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(304);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.header("ETag")).isEqualTo(tag);
    assertThat(reply.header("Cache-Control")).isEqualTo(cacheControl);
  }

  @Test
  void productsPage_carriesAStrongTag_andAMatchingIfNoneMatchIsAnswered304WithNoBody() {
    api.createProduct(owner.token(), "Tea", "2.00", 5);
    Reply page = get(ownerPage(), null, null);

    String tag = page.header("ETag");
    assertThat(page.status()).isEqualTo(200);
    assertThat(tag).matches("\"[0-9a-f]+\"");
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    assertNotModified(get(ownerPage(), null, tag), tag, "no-cache");
    // If-None-Match compares weakly (RFC 9110 13.1.2): the weak form of the tag matches too.
    assertNotModified(get(ownerPage(), null, "W/" + tag), tag, "no-cache");
    assertNotModified(get(ownerPage(), null, "\"other\", " + tag), tag, "no-cache");
    assertThat(get(ownerPage(), null, "\"other\"").status()).isEqualTo(200);
    assertThat(get(ownerPage(), null, "\"other\"").json().size()).isEqualTo(1);
  }

  @Test
  void productsPage_tagChangesWithAPriceChange_andTheOldTagThenGetsTheNewPage() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);
    String before = get(ownerPage(), null, null).header("ETag");

    assertThat(api.put("/api/products/" + tea, owner.token(), "{\"price\": 2.50}").status())
        .isEqualTo(200);
    Reply after = get(ownerPage(), null, before);

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("ETag")).isNotEqualTo(before);
    assertThat(after.json().get(0).path("price").toString()).isEqualTo("2.50");
  }

  @Test
  void productsPage_andProduct_andCart_tagsChangeWithASale() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 2);
    String pageBefore = get(ownerPage(), null, null).header("ETag");
    String productBefore = get("/api/products/" + tea, null, null).header("ETag");
    String cartBefore = get("/api/shopping_cart/" + cart.id(), cart.token(), null).header("ETag");

    assertThat(api.checkout(cart).status()).isEqualTo(200);

    Reply page = get(ownerPage(), null, pageBefore);
    Reply product = get("/api/products/" + tea, null, productBefore);
    Reply view = get("/api/shopping_cart/" + cart.id(), cart.token(), cartBefore);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get(0).path("inventory_count").asInt()).isEqualTo(3);
    assertThat(product.status()).isEqualTo(200);
    assertThat(product.header("ETag")).isNotEqualTo(productBefore);
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json().path("status").asText()).isEqualTo("checked_out");
  }

  @Test
  void productsPage_tagChangesWhenANextPageAppears() {
    api.createProduct(owner.token(), "Tea", "2.00", 5);
    String path = ownerPage() + "&limit=1";
    Reply alone = get(path, null, null);
    assertThat(alone.header("Link")).isNull();

    api.createProduct(owner.token(), "Cake", "3.00", 5);
    Reply withNext = get(path, null, alone.header("ETag"));

    assertThat(withNext.status()).isEqualTo(200);
    assertThat(withNext.header("Link")).contains("rel=\"next\"");
  }

  @Test
  void product_answers304ToItsVersionTag_andKeepsIfMatchOnChanges() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);
    Reply product = get("/api/products/" + tea, null, null);
    String tag = product.header("ETag");

    assertThat(tag).matches("\"\\d+\"");
    assertThat(product.header("Cache-Control")).isEqualTo("no-cache");
    assertNotModified(get("/api/products/" + tea, null, tag), tag, "no-cache");
    Reply changed =
        api.put(
            "/api/products/" + tea, owner.token(), "{\"price\": 2.10}", Map.of("If-Match", tag));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(get("/api/products/" + tea, null, tag).status()).isEqualTo(200);
    assertNotModified(
        get("/api/products/" + tea, null, changed.header("ETag")),
        changed.header("ETag"),
        "no-cache");
  }

  @Test
  void get_withAnIfMatchThatNamesNoCurrentTag_answers412Problem() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);

    Reply reply =
        api.send("GET", "/api/products/" + tea, Map.of("If-Match", "\"999\""), null, null);

    reply.assertProblem(412, "precondition-failed");
  }

  @Test
  void cartView_isPrivate_answers304_andItsTagFollowsLinesAndProductChanges() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    String path = "/api/shopping_cart/" + cart.id();
    Reply empty = get(path, cart.token(), null);
    String emptyTag = empty.header("ETag");

    assertThat(empty.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(emptyTag).matches("\"[0-9a-f]+\"");
    assertNotModified(get(path, cart.token(), emptyTag), emptyTag, "private, no-cache");

    api.setLine(cart, tea, 1);
    Reply oneLine = get(path, cart.token(), emptyTag);
    assertThat(oneLine.status()).isEqualTo(200);
    String oneTag = oneLine.header("ETag");

    api.setLine(cart, tea, 2);
    String twoTag = get(path, cart.token(), oneTag).header("ETag");
    assertThat(twoTag).isNotIn(emptyTag, oneTag);

    // The view shows each product as it is now: a price change shows even before repricing.
    api.put("/api/products/" + tea, owner.token(), "{\"price\": 2.50}");
    Reply moved = get(path, cart.token(), twoTag);
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().path("cached_price").toString()).isEqualTo("4.00");
    String movedTag = moved.header("ETag");

    // Repricing stores the new unit price: another state, another tag, answered after it.
    Reply repriced = get(path + "?use-cache=0", cart.token(), movedTag);
    assertThat(repriced.status()).isEqualTo(200);
    assertThat(repriced.json().path("cached_price").toString()).isEqualTo("5.00");
    String repricedTag = repriced.header("ETag");
    assertThat(repricedTag).isNotIn(emptyTag, oneTag, twoTag, movedTag);
    assertNotModified(get(path, cart.token(), repricedTag), repricedTag, "private, no-cache");
  }

  @Test
  void cartView_withoutItsToken_isStill401_whateverIfNoneMatchSays() {
    Api.Session cart = api.createCart();
    String tag = get("/api/shopping_cart/" + cart.id(), cart.token(), null).header("ETag");

    get("/api/shopping_cart/" + cart.id(), null, tag).assertProblem(401, "unauthenticated");
  }

  @Test
  void producer_andProducersPage_tagsChangeWithTheirProducts() {
    String path = "/api/producer/" + owner.id();
    Reply profile = get(path, null, null);
    String profileTag = profile.header("ETag");
    assertThat(profile.header("Cache-Control")).isEqualTo("no-cache");
    assertNotModified(get(path, null, profileTag), profileTag, "no-cache");
    String pagePath = "/api/producer?after=" + (owner.id() - 1) + "&limit=1";
    String pageTag = get(pagePath, null, null).header("ETag");
    assertNotModified(get(pagePath, null, pageTag), pageTag, "no-cache");

    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);

    assertThat(get(path, null, profileTag).status()).isEqualTo(200);
    assertThat(get(pagePath, null, pageTag).status()).isEqualTo(200);
    String withTea = get(path, null, null).header("ETag");
    api.put("/api/products/" + tea, owner.token(), "{\"inventory_count\": 4}");
    assertThat(get(path, null, withTea).status()).isEqualTo(200);
  }

  @Test
  void catalogueCacheControl_isTheConfiguredOne_cartsStayPrivate() {
    Api configured = new InMemoryApi(CONFIGURED);
    Api.Session producer = configured.registerProducer();
    long tea = configured.createProduct(producer.token(), "Tea", "2.00", 5);
    Api.Session cart = configured.createCart();

    assertThat(configured.get("/api/products").header("Cache-Control"))
        .isEqualTo("public, max-age=5");
    assertThat(configured.get("/api/products/" + tea).header("Cache-Control"))
        .isEqualTo("public, max-age=5");
    assertThat(configured.get("/api/producer").header("Cache-Control"))
        .isEqualTo("public, max-age=5");
    assertThat(configured.get("/api/producer/" + producer.id()).header("Cache-Control"))
        .isEqualTo("public, max-age=5");
    assertThat(
            configured.get("/api/shopping_cart/" + cart.id(), cart.token()).header("Cache-Control"))
        .isEqualTo("private, no-cache");
  }

  @Test
  void answer_whenNotModified_neverBuildsTheBody() {
    EntityTag tag = new EntityTag("abc");

    Response response =
        Conditional.answer(
            null,
            "\"abc\"",
            tag,
            "no-cache",
            () -> {
              throw new AssertionError("the body of a 304 was built");
            });

    assertThat(response.getStatus()).isEqualTo(304);
    assertThat(response.hasEntity()).isFalse();
    assertThat(response.getEntityTag()).isEqualTo(tag);
  }

  @Test
  void names_comparesWeaklyForIfNoneMatch_stronglyForIfMatch_andReadsGarbageAsNoMatch() {
    assertThat(Conditional.names("\"abc\"", "abc", true)).isTrue();
    assertThat(Conditional.names("W/\"abc\"", "abc", false)).isTrue();
    assertThat(Conditional.names("W/\"abc\"", "abc", true)).isFalse();
    assertThat(Conditional.names("\"x\" ,  \"abc\"", "abc", true)).isTrue();
    assertThat(Conditional.names("*", "abc", true)).isTrue();
    for (String garbage : new String[] {"abc", "\"ab", "\"abcd\"", "", ",,", "W/", "\"\""}) {
      assertThat(Conditional.names(garbage, "abc", false)).as(garbage).isFalse();
    }
  }

  @Test
  void malformedConditionalHeaders_neverFail_ifNoneMatchServesThePage_ifMatchAnswers412() {
    long tea = api.createProduct(owner.token(), "Tea", "2.00", 5);
    for (String garbage : new String[] {"garbage", "\"unterminated", "W/", ",", "\"\""}) {
      Reply page = get(ownerPage(), null, garbage);
      assertThat(page.status()).as(garbage).isEqualTo(200);
      assertThat(page.json().size()).isEqualTo(1);
      api.send("GET", "/api/products/" + tea, Map.of("If-Match", garbage), null, null)
          .assertProblem(412, "precondition-failed");
    }
    assertThat(
            api.send("GET", "/api/products/" + tea, Map.of("If-Match", "*"), null, null).status())
        .isEqualTo(200);
    assertNotModified(
        get(ownerPage(), null, "*"), get(ownerPage(), null, null).header("ETag"), "no-cache");
  }

  @Test
  void hash_ofListsThatDifferInOneValue_differs() {
    long base = new Conditional.Hash(1).add(10).add(20).add(30).value();

    assertThat(new Conditional.Hash(1).add(10).add(21).add(30).value()).isNotEqualTo(base);
    assertThat(new Conditional.Hash(1).add(10).add(20).add(31).value()).isNotEqualTo(base);
    assertThat(new Conditional.Hash(2).add(10).add(20).add(30).value()).isNotEqualTo(base);
    assertThat(new Conditional.Hash(1).add(10).add(20).add(30).value()).isEqualTo(base);
    assertThat(new Conditional.Hash(1).add(30).add(20).add(10).value()).isNotEqualTo(base);
  }

  @Test
  void settings_refuseAnUnusableCacheControl() {
    assertThat(new HttpSettings(1024).catalogueCacheControl()).isEqualTo("no-cache");
    for (String bad : new String[] {"", "  ", "no-cache\r\nX-Evil: 1", "caf\u00e9"}) {
      assertThatThrownBy(() -> new HttpSettings(1024, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void searchPage_isAnswered304WhileItsProductsStay_and200OnceOneLeavesIt() {
    long tea = api.createProduct(owner.token(), "Green tea", "2.00", 5);
    api.createProduct(owner.token(), "Black tea", "2.00", 5);
    String search = ownerPage() + "&q=green%20tea";
    Reply page = get(search, null, null);
    String tag = page.header("ETag");
    assertThat(page.status()).isEqualTo(200);

    assertNotModified(get(search, null, tag), tag, "no-cache");
    assertThat(get(ownerPage() + "&q=tea", null, tag).status())
        .as("another search, another page")
        .isEqualTo(200);

    api.put("/api/products/" + tea, owner.token(), "{\"title\": \"Green coffee\"}");
    Reply after = get(search, null, tag);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().size()).isZero();
    assertThat(after.header("ETag")).isNotEqualTo(tag);
  }
}

package org.barebones.store.http.resource;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.usecase.CartView;
import org.barebones.store.domain.usecase.ProducerProfile;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Conditional GETs (RFC 9110 13.1.2): the entity tags of pages and carts, computed from what the
 * answer is made of (ids, versions, a cart's state) rather than from its JSON, and the {@code 304
 * Not Modified} that answers a matching {@code If-None-Match} before any body is built.
 *
 * <p>The tags are <em>strong</em>: two answers with the same tag are the same bytes, because the
 * JSON is a deterministic function of what is hashed (a product's version changes with every change
 * to it, a sale included). Compression does not break that promise: Jetty's gzip handler, which
 * Dropwizard installs, gives a gzipped answer its own tag ({@code "…--gzip"}), strips that suffix
 * from {@code If-None-Match} and {@code If-Match} before the resource sees them, and restores it on
 * a 304. Weak tags would have worked for {@code If-None-Match} (which compares weakly anyway), but
 * would have told caches less than is true.
 *
 * <p>The hash is 64 bits: each value is XORed into the state, which then goes through a bijective
 * mixer, so two lists of the same length that differ in one value never collide; other changes
 * collide with a chance of about 2<sup>-64</sup>. {@link #REPRESENTATION} seeds every tag: raise it
 * when the JSON of these answers changes shape, so that clients do not keep an old body.
 */
final class Conditional {
  /** Raised when the JSON of a tagged answer changes, so that every old tag stops matching. */
  static final long REPRESENTATION = 1;

  /** Cart views: a cart is its holder's alone, and changes whenever prices or lines do. */
  static final String PRIVATE_REVALIDATE = "private, no-cache";

  private static final long PRODUCTS_PAGE = 0x5052_4f44_5543_5453L;
  private static final long PRODUCERS_PAGE = 0x5052_4f44_5543_4552L;
  private static final long PRODUCER = 0x5052_4f46_494c_4521L;
  private static final long CART = 0x4341_5254_5649_4557L;

  private Conditional() {}

  /**
   * The answer to a GET whose current tag is {@code tag}: a 304 with that tag and {@code
   * cacheControl} when {@code If-None-Match} names it or is {@code *} ({@code ok} is not called, so
   * no body is built), otherwise {@code ok}'s 200 with the tag and {@code cacheControl}. An {@code
   * If-Match} that names no current tag answers a 412 problem, as RFC 9110 asks of any method.
   */
  static Response answer(
      HttpHeaders headers,
      EntityTag tag,
      String cacheControl,
      Supplier<Response.ResponseBuilder> ok) {
    return answer(
        headers.getHeaderString(HttpHeaders.IF_MATCH),
        headers.getHeaderString(HttpHeaders.IF_NONE_MATCH),
        tag,
        cacheControl,
        ok);
  }

  /**
   * As {@link #answer(HttpHeaders, EntityTag, String, Supplier)}, from the two headers' values
   * (null when absent). Read here rather than by Jersey's {@code Request.evaluatePreconditions},
   * whose parser throws on a malformed tag: an unreadable tag here simply matches nothing.
   */
  static Response answer(
      String ifMatch,
      String ifNoneMatch,
      EntityTag tag,
      String cacheControl,
      Supplier<Response.ResponseBuilder> ok) {
    if (ifMatch != null && !ifMatch.isBlank() && !names(ifMatch, tag.getValue(), true)) {
      throw new HttpProblem(
          412, "precondition-failed", "Precondition failed", "If-Match names no current version");
    }
    Response.ResponseBuilder response =
        ifNoneMatch != null && names(ifNoneMatch, tag.getValue(), false)
            ? Response.notModified()
            : ok.get();
    return response.tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
  }

  /**
   * Whether a list of entity tags (RFC 9110 8.8.3) is {@code *} or names {@code opaque}: by strong
   * comparison (weak tags never match) for {@code If-Match}, by weak comparison for {@code
   * If-None-Match}. The tags this API issues hold no commas or quotes, so a comma splits the list.
   */
  static boolean names(String header, String opaque, boolean strong) {
    int start = 0;
    while (start <= header.length()) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      String item = header.substring(start, end).trim();
      if (item.equals("*")) {
        return true;
      }
      boolean weak = item.startsWith("W/");
      String quoted = weak ? item.substring(2) : item;
      if (!(strong && weak)
          && quoted.length() == opaque.length() + 2
          && quoted.charAt(0) == '"'
          && quoted.charAt(quoted.length() - 1) == '"'
          && quoted.regionMatches(1, opaque, 0, opaque.length())) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** A page of products: each product's id and version, and where the next page starts. */
  static EntityTag productsPage(Page<Product> page) {
    Hash hash = new Hash(PRODUCTS_PAGE);
    products(hash, page.items());
    return hash.add(page.nextAfter().isPresent() ? page.nextAfter().getAsLong() : -1).tag();
  }

  /** A producer with its products: its id and name, each product's id and version. */
  static EntityTag producer(ProducerProfile profile) {
    return producer(new Hash(PRODUCER), profile).tag();
  }

  /** A page of producers with their products, and where the next page starts. */
  static EntityTag producersPage(Page<ProducerProfile> page) {
    Hash hash = new Hash(PRODUCERS_PAGE).add(page.items().size());
    for (ProducerProfile profile : page.items()) {
      producer(hash, profile);
    }
    return hash.add(page.nextAfter().isPresent() ? page.nextAfter().getAsLong() : -1).tag();
  }

  /**
   * A cart as its view shows it: its id, status, order, currency and cached price, each line's id,
   * product, quantity and unit price, and the current version of each line's product (or that it
   * has left the catalogue).
   */
  static EntityTag cart(CartView view) {
    Cart cart = view.cart();
    Hash hash =
        new Hash(CART)
            .add(cart.id().value())
            .add(cart.status().ordinal())
            .add(cart.orderId().map(OrderId::value).orElse(-1L))
            .add(cart.cachedPrice().currency().getCurrencyCode())
            .add(cart.cachedPrice())
            .add(cart.lines().size());
    for (CartLine line : cart.lines()) {
      hash.add(line.id()).add(line.productId().value()).add(line.quantity()).add(line.unitPrice());
      Optional<Product> product = view.product(line.productId());
      hash.add(product.isPresent() ? 1 : 0).add(product.map(Product::version).orElse(0L));
    }
    return hash.tag();
  }

  private static Hash producer(Hash hash, ProducerProfile profile) {
    hash.add(profile.producer().id().value()).add(profile.producer().username().value());
    return products(hash, profile.products());
  }

  private static Hash products(Hash hash, List<Product> products) {
    hash.add(products.size());
    for (Product product : products) {
      hash.add(product.id().value()).add(product.version());
    }
    return hash;
  }

  /** A 64-bit hash of a sequence of values; see the class comment. */
  static final class Hash {
    private long state;

    Hash(long kind) {
      state = mix(kind ^ mix(REPRESENTATION));
    }

    Hash add(long value) {
      state = mix(state ^ value);
      return this;
    }

    Hash add(String text) {
      add(text.length());
      for (int i = 0; i < text.length(); i++) {
        add(text.charAt(i));
      }
      return this;
    }

    Hash add(Money money) {
      BigDecimal amount = money.amount();
      return add(amount.scale())
          .add(amount.unscaledValue().bitLength())
          .add(amount.unscaledValue().longValue());
    }

    long value() {
      return state;
    }

    EntityTag tag() {
      return new EntityTag(Long.toHexString(state));
    }

    /** The finaliser of MurmurHash3 (64-bit): a bijection that spreads every input bit. */
    private static long mix(long value) {
      long z = value;
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }
  }
}

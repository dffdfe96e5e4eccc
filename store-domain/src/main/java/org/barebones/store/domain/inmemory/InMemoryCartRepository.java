package org.barebones.store.domain.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/** In-memory adapter: stores carts and their lines in this process. Thread-safe. */
public final class InMemoryCartRepository implements CartRepository {
  private final InMemoryTransactions tx;
  private final Money zero;
  private final NavigableMap<Long, Cart> byId = new TreeMap<>();

  /** When each open cart last changed; checked-out carts have no entry. */
  private final Map<Long, Instant> changedAt = new java.util.HashMap<>();

  private final AtomicLong cartSequence = new AtomicLong();
  private final AtomicLong lineSequence = new AtomicLong();

  public InMemoryCartRepository(InMemoryTransactions tx, java.util.Currency currency) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.zero = Money.zero(currency);
  }

  @Override
  public Cart create(Instant createdAt) {
    return tx.write(
        () -> {
          Cart cart =
              new Cart(
                  new CartId(cartSequence.incrementAndGet()),
                  CartStatus.OPEN,
                  zero,
                  List.of(),
                  Optional.empty(),
                  createdAt);
          tx.put(byId, cart.id().value(), cart);
          tx.put(changedAt, cart.id().value(), createdAt);
          return cart;
        });
  }

  @Override
  public Optional<Cart> findById(CartId id) {
    return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
  }

  @Override
  public Optional<Cart> lockById(CartId id) {
    // Inside a unit of work the store-wide write lock already holds every cart.
    return findById(id);
  }

  @Override
  public void putLine(CartId cart, ProductId product, int quantity, Money unitPrice) {
    changeLines(
        cart,
        lines -> {
          List<CartLine> next = new ArrayList<>();
          long lineId = 0;
          for (CartLine line : lines) {
            if (line.productId().equals(product)) {
              lineId = line.id();
            } else {
              next.add(line);
            }
          }
          next.add(
              new CartLine(
                  lineId == 0 ? lineSequence.incrementAndGet() : lineId,
                  product,
                  quantity,
                  unitPrice));
          return next;
        });
  }

  @Override
  public void removeLine(CartId cart, ProductId product) {
    changeLines(cart, lines -> lines.stream().filter(l -> !l.productId().equals(product)).toList());
  }

  @Override
  public void repriceLines(CartId cart, Map<ProductId, Money> unitPrices) {
    changeLines(
        cart,
        lines ->
            lines.stream()
                .map(l -> l.pricedAt(unitPrices.getOrDefault(l.productId(), l.unitPrice())))
                .toList());
  }

  @Override
  public void touch(CartId id, Instant at) {
    tx.write(
        () -> {
          Cart cart = byId.get(id.value());
          Instant recorded = changedAt.get(id.value());
          if (cart != null
              && cart.isOpen()
              && (recorded == null || recorded.isBefore(at.minus(CHANGE_RESOLUTION)))) {
            tx.put(changedAt, id.value(), at);
          }
          return null;
        });
  }

  @Override
  public int deleteIdleOpenCarts(Instant changedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    // The store-wide write lock holds every cart, so no unit of work is changing one meanwhile.
    return tx.write(
        () -> {
          int deleted = 0;
          for (Cart cart : List.copyOf(byId.values())) {
            if (deleted == limit) {
              break;
            }
            Instant changed = changedAt.get(cart.id().value());
            if (cart.isOpen() && changed != null && changed.isBefore(changedBefore)) {
              tx.remove(byId, cart.id().value());
              tx.remove(changedAt, cart.id().value());
              deleted++;
            }
          }
          return deleted;
        });
  }

  @Override
  public void markCheckedOut(CartId id, OrderId order) {
    tx.write(
        () -> {
          Cart cart = byId.get(id.value());
          if (cart != null && cart.isOpen()) {
            tx.remove(changedAt, id.value());
            tx.put(
                byId,
                id.value(),
                new Cart(
                    id,
                    CartStatus.CHECKED_OUT,
                    cart.cachedPrice(),
                    cart.lines(),
                    Optional.of(order),
                    cart.createdAt()));
          }
          return null;
        });
  }

  @Override
  public boolean delete(CartId id) {
    return tx.write(
        () -> {
          tx.remove(changedAt, id.value());
          return tx.remove(byId, id.value()) != null;
        });
  }

  @Override
  public void removeProductFromOpenCarts(ProductId product) {
    tx.write(
        () -> {
          for (Cart cart : List.copyOf(byId.values())) {
            if (cart.line(product).isPresent()) {
              if (cart.isOpen()) {
                removeLine(cart.id(), product);
              } else {
                // The line goes, as its product does; the sold cart keeps the price it was sold at.
                tx.put(byId, cart.id().value(), withLines(cart, without(cart.lines(), product)));
              }
            }
          }
          return null;
        });
  }

  private void changeLines(CartId id, UnaryOperator<List<CartLine>> change) {
    tx.write(
        () -> {
          Cart cart = byId.get(id.value());
          if (cart != null && cart.isOpen()) {
            Cart next = withLines(cart, change.apply(cart.lines()));
            tx.put(byId, id.value(), repriced(next));
          }
          return null;
        });
  }

  private static List<CartLine> without(List<CartLine> lines, ProductId product) {
    return lines.stream().filter(l -> !l.productId().equals(product)).toList();
  }

  private static Cart withLines(Cart cart, List<CartLine> lines) {
    return new Cart(
        cart.id(), cart.status(), cart.cachedPrice(), lines, cart.orderId(), cart.createdAt());
  }

  private static Cart repriced(Cart cart) {
    return new Cart(
        cart.id(),
        cart.status(),
        cart.linesTotal(),
        cart.lines(),
        cart.orderId(),
        cart.createdAt());
  }
}

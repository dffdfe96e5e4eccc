package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Money;

/**
 * Aggregate: the record of one checkout. Its lines never change; each producer who sold in it has
 * one part, which it ships, and the order's status follows from those parts. A line whose producer
 * is unknown (recorded before orders remembered producers) belongs to no part.
 */
public record Order(
    OrderId id,
    CartId cartId,
    Money total,
    Instant createdAt,
    List<OrderLine> lines,
    List<OrderPart> parts) {
  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(createdAt, "createdAt");
    lines = lines.stream().sorted(Comparator.comparing(OrderLine::productId)).toList();
    parts = parts.stream().sorted(Comparator.comparing(part -> part.producerId().value())).toList();
    Set<ProducerId> partProducers = new LinkedHashSet<>();
    for (OrderPart part : parts) {
      if (!partProducers.add(part.producerId())) {
        throw new IllegalArgumentException("two parts of producer " + part.producerId());
      }
    }
    Set<ProducerId> lineProducers = producersOf(lines);
    if (!lineProducers.equals(partProducers)) {
      throw new IllegalArgumentException(
          "parts " + partProducers + " do not match the lines' producers " + lineProducers);
    }
  }

  /** A new order's parts: one pending part per producer of its lines. */
  public static List<OrderPart> pendingParts(List<OrderLine> lines) {
    return producersOf(lines).stream().map(OrderPart::pending).toList();
  }

  private static Set<ProducerId> producersOf(List<OrderLine> lines) {
    Set<ProducerId> producers = new LinkedHashSet<>();
    for (OrderLine line : lines) {
      line.producerId().ifPresent(producers::add);
    }
    return producers;
  }

  /**
   * This order as it was placed: the same lines, every part pending (what an order.placed event
   * shows, however far it has been shipped since).
   */
  public Order asPlaced() {
    return new Order(
        id,
        cartId,
        total,
        createdAt,
        lines,
        parts.stream().map(part -> OrderPart.pending(part.producerId())).toList());
  }

  public boolean wasPlacedBy(CartId cart) {
    return cartId.equals(cart);
  }

  /**
   * Canceled once every part is; otherwise shipped once no part is pending and some part shipped;
   * partially shipped while some part shipped and another is pending; else placed. An order with no
   * known producer (only lines recorded before producers were remembered) stays placed.
   */
  public OrderStatus status() {
    long shipped = parts.stream().filter(OrderPart::isShipped).count();
    long canceled = parts.stream().filter(OrderPart::isCanceled).count();
    long pending = parts.size() - shipped - canceled;
    if (!parts.isEmpty() && canceled == parts.size()) {
      return OrderStatus.CANCELED;
    }
    if (shipped == 0) {
      return OrderStatus.PLACED;
    }
    return pending == 0 ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
  }

  /** This order with {@code producer}'s part replaced by what {@code change} makes of it. */
  public Order withPart(ProducerId producer, UnaryOperator<OrderPart> change) {
    List<OrderPart> changed = new ArrayList<>(parts.size());
    for (OrderPart part : parts) {
      changed.add(part.producerId().equals(producer) ? change.apply(part) : part);
    }
    return new Order(id, cartId, total, createdAt, lines, changed);
  }

  /** The lines {@code producer} sold in this order, in ascending product id. */
  public List<OrderLine> linesOf(ProducerId producer) {
    return lines.stream().filter(line -> line.isSoldBy(producer)).toList();
  }

  public Optional<OrderPart> partOf(ProducerId producer) {
    return parts.stream().filter(part -> part.producerId().equals(producer)).findFirst();
  }

  /** The part {@code line} belongs to; empty for a line whose producer is unknown. */
  public Optional<OrderPart> partOf(OrderLine line) {
    return line.producerId().flatMap(this::partOf);
  }

  public boolean hasPartOf(ProducerId producer) {
    return partOf(producer).isPresent();
  }

  /**
   * What {@code producer} may see of this order: its part and its lines only; empty when it sold
   * nothing in it, so that such an order does not exist for it.
   */
  public Optional<ProducerOrder> viewFor(ProducerId producer) {
    return partOf(producer)
        .map(
            part ->
                new ProducerOrder(
                    id,
                    createdAt,
                    part,
                    lines.stream().filter(line -> line.isSoldBy(producer)).toList()));
  }
}

package org.barebones.store.domain.event;

/** Value: what an event says happened; its type follows from its class. */
public sealed interface EventData
    permits OrderPlaced, OrderShipped, ProductOutOfStock, OrderCanceled, ProductBackInStock {

  EventType type();
}

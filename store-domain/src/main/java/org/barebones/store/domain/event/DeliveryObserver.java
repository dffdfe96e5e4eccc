package org.barebones.store.domain.event;

/** Role: is told how each delivery attempt ended (for metrics); must not throw or block. */
public interface DeliveryObserver {

  DeliveryObserver NONE = new DeliveryObserver() {};

  default void delivered(Delivery delivery) {}

  default void retried(Delivery delivery) {}

  default void failed(Delivery delivery) {}
}

package org.barebones.store.domain.cart;

/** Value: whether a cart can still change ({@code OPEN}) or has become an order. */
public enum CartStatus {
  OPEN,
  CHECKED_OUT
}

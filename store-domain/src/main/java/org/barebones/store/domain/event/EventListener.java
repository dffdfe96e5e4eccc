package org.barebones.store.domain.event;

/**
 * Role: receives store events after their transaction committed, at least once (deduplicate by
 * {@link StoreEvent#id()}). Returning normally acknowledges the event; throwing asks for it to be
 * offered again later, and never undoes the change the event describes.
 */
@FunctionalInterface
public interface EventListener {

  void onEvent(StoreEvent event) throws Exception;
}

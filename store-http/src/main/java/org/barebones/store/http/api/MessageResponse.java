package org.barebones.store.http.api;

/** Response body: a short message, for answers that have nothing else to say. */
public record MessageResponse(String message) {}

package org.barebones.store.http.resource;

import org.barebones.store.http.problem.HttpProblem;

/** Request bodies that an endpoint cannot do without. */
final class Bodies {
  private Bodies() {}

  /** {@code body}, or 400 if the request had none (or sent JSON {@code null}). */
  static <T> T required(T body) {
    if (body == null) {
      throw HttpProblem.malformed("This endpoint needs a JSON object body");
    }
    return body;
  }
}

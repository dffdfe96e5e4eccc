package org.barebones.store.domain.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: the exception some code throws, failing the test unless it throws that type. */
public final class Thrown {
  private Thrown() {}

  public static <T extends Throwable> T thrownBy(Class<T> type, ThrowingCallable code) {
    Throwable thrown = catchThrowable(code);
    assertThatThrownBy(() -> rethrow(thrown)).isInstanceOf(type);
    return type.cast(thrown);
  }

  private static void rethrow(Throwable thrown) throws Throwable {
    if (thrown != null) {
      throw thrown;
    }
  }
}

package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

  @Test
  void isUnavailable_whenPostgresEndsTheSessionOnShutdown() {
    // What every session of a PostgreSQL server being stopped receives, mid-statement.
    for (String state : new String[] {"57P01", "57P02", "57P03", "08006"}) {
      SQLException e = new SQLException("FATAL: terminating connection", state);
      assertThat(SqlErrors.isUnavailable(new RuntimeException("wrapped", e))).as(state).isTrue();
    }
  }

  @Test
  void isUnavailable_notForACanceledStatementOrAConstraint() {
    assertThat(SqlErrors.isUnavailable(new SQLException("canceled", "57014"))).isFalse();
    assertThat(SqlErrors.isUnavailable(new SQLException("duplicate", "23505"))).isFalse();
  }
}

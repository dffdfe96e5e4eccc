package org.barebones.store.persistence;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.producer.UsernameTakenException;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Adapter: stores producers in the {@code producer} table. */
public final class JdbiProducerRepository implements ProducerRepository {

  private static final String COLUMNS = "id, username, password_hash";

  private static final RowMapper<Producer> PRODUCER =
      (rs, ctx) ->
          new Producer(
              ProducerId.of(rs.getLong("id")),
              new Username(rs.getString("username")),
              rs.getString("password_hash"));

  private final JdbiTransactions transactions;

  public JdbiProducerRepository(JdbiTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public Producer add(NewProducer producer) {
    long id;
    try {
      id =
          transactions.atomically(
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO producer (username, username_canonical, password_hash)"
                              + " VALUES (:username, :canonical, :passwordHash)")
                      .bind("username", producer.username().value())
                      .bind("canonical", producer.username().canonical())
                      .bind("passwordHash", producer.passwordHash())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one());
    } catch (UnableToExecuteStatementException e) {
      // The unique index decides, so two registrations racing for one name cannot both win.
      if (SqlErrors.hasSqlState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw new UsernameTakenException(producer.username());
      }
      throw e;
    }
    return new Producer(ProducerId.of(id), producer.username(), producer.passwordHash());
  }

  @Override
  public Optional<Producer> findById(ProducerId id) {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM producer WHERE id = :id")
                .bind("id", id.value())
                .map(PRODUCER)
                .findOne());
  }

  @Override
  public Optional<Producer> findByUsername(Username username) {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM producer WHERE username_canonical = :canonical")
                .bind("canonical", username.canonical())
                .map(PRODUCER)
                .findOne());
  }

  @Override
  public Page<Producer> list(PageRequest page) {
    return Page.fromLookahead(
        transactions.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM producer WHERE id > :after ORDER BY id LIMIT :limit")
                    .bind("after", page.after())
                    .bind("limit", page.limit() + 1)
                    .map(PRODUCER)
                    .list()),
        page.limit(),
        producer -> producer.id().value());
  }
}

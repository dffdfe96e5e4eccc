package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.product.ProductSearch;
import org.barebones.store.domain.product.SearchText;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.PageRequest;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;

/**
 * The title index itself, on H2 and PostgreSQL: migration 7 indexes the titles that already exist;
 * the index holds exactly the current title's keys after every change; and on a catalogue of {@link
 * #LARGE} products each search statement is planned on the index (EXPLAIN), never as a scan of
 * every title or a sort of every match, whichever term is common or rare.
 */
class TitleIndexIT {

  /** Large enough for PostgreSQL's planner to prefer a sequential scan where it could. */
  private static final int LARGE = 30_000;

  private static final Map<TestDatabases.Kind, DataSource> LARGE_DATABASES =
      new EnumMap<>(TestDatabases.Kind.class);
  private static final StringBuilder PLANS = new StringBuilder();

  @OnEachDatabase
  void migration7_indexesTheTitlesThatAlreadyExist(TestDatabases.Kind kind) throws SQLException {
    DataSource dataSource = kind.fresh("title_index_migration");
    Flyway.configure(JdbiStorePersistence.class.getClassLoader())
        .dataSource(dataSource)
        .locations(JdbiStorePersistence.MIGRATIONS_LOCATION)
        .table(JdbiStorePersistence.SCHEMA_HISTORY_TABLE)
        .target(versionBefore7(dataSource))
        .load()
        .migrate();
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) { // more than one of the migration's batches
      titles.add(i % 1_000 == 7 ? "Green tea, 100 g (" + i + ")" : "Steam iron " + i);
    }
    titles.add("Ελληνικός ΚΑΦΈΣ");
    long producer;
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO producer (username, username_canonical, password_hash)"
                + " VALUES ('ada', 'ada', 'x')");
      }
      producer = single(c, "SELECT MAX(id) FROM producer");
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO product (producer_id, title, price, inventory_count, version)"
                  + " VALUES (?, ?, 1.00, 3, 1)")) {
        for (String title : titles) {
          insert.setLong(1, producer);
          insert.setString(2, title);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }

    JdbiStorePersistence.migrate(dataSource);

    StorePersistence store =
        JdbiStorePersistence.open(Jdbi.create(dataSource), TestDatabases.CURRENCY);
    assertThat(search(store, "gre tea", PageRequest.first()))
        .extracting(Product::title)
        .containsExactly(
            "Green tea, 100 g (7)", "Green tea, 100 g (1007)", "Green tea, 100 g (2007)");
    assertThat(search(store, "καφέσ", PageRequest.first()))
        .extracting(Product::title)
        .containsExactly("Ελληνικός ΚΑΦΈΣ");
    assertThat(search(store, "iron 2499", PageRequest.first()))
        .extracting(Product::title)
        .containsExactly("Steam iron 2499");
    long expected = titles.stream().mapToLong(t -> SearchText.indexKeys(t).size()).sum();
    try (Connection c = dataSource.getConnection()) {
      assertThat(single(c, "SELECT COUNT(*) FROM product_word_prefix")).isEqualTo(expected);
    }
  }

  @OnEachDatabase
  void theIndexHoldsExactlyTheCurrentTitlesKeys_afterCreateRenameSaleAndDelete(
      TestDatabases.Kind kind) throws SQLException {
    TestDatabases.Migrated database = kind.migrated("title_index_rows");
    DataSource dataSource = database.dataSource();
    StorePersistence store = database.store();
    Producer ada = producer(store);
    Product lamp = store.products().add(product(ada, "Brass lamp, brass shade"));
    Product other = store.products().add(product(ada, "Oak table"));
    assertThat(keysOf(dataSource, lamp.id())).isEqualTo(keys("Brass lamp, brass shade"));

    Product renamed =
        store
            .products()
            .update(
                new Product(lamp.id(), ada.id(), "Brass chair", lamp.price(), 3, lamp.version()))
            .orElseThrow();
    assertThat(keysOf(dataSource, lamp.id())).isEqualTo(keys("Brass chair"));
    assertThat(store.products().takeStock(lamp.id(), 1)).isTrue();
    store
        .products()
        .update(new Product(lamp.id(), ada.id(), "Ignored", lamp.price(), 3, renamed.version()))
        .ifPresent(stale -> assertThat(stale).as("a stale version changes nothing").isNull());
    assertThat(keysOf(dataSource, lamp.id())).isEqualTo(keys("Brass chair"));

    assertThat(store.products().delete(lamp.id())).isTrue();
    assertThat(keysOf(dataSource, lamp.id())).isEmpty();
    assertThat(keysOf(dataSource, other.id())).isEqualTo(keys("Oak table"));
  }

  /**
   * Renames of one product racing each other (8 threads, each renaming to titles of its own from
   * whatever version it read): whichever won, the index holds exactly the final title's keys, and
   * of every word tried only the final title's still find the product.
   */
  @OnEachDatabase
  void racingRenames_leaveExactlyTheFinalTitlesKeys(TestDatabases.Kind kind) throws Exception {
    TestDatabases.Migrated database = kind.migrated("title_index_race");
    StorePersistence store = database.store();
    Producer ada = producer(store);
    Product lamp = store.products().add(product(ada, "Racing lamp"));
    int threads = 8;
    int renames = 15;
    java.util.concurrent.atomic.AtomicInteger applied =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < renames; i++) {
                  Product now = store.products().findById(lamp.id()).orElseThrow();
                  String title = "Racing w" + thread + "x" + i + "y shade" + thread;
                  try {
                    if (store
                        .products()
                        .update(
                            new Product(now.id(), ada.id(), title, now.price(), 3, now.version()))
                        .isPresent()) {
                      applied.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    failed.incrementAndGet(); // a lost race the database refused: nothing changed
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    String finalTitle = store.products().findById(lamp.id()).orElseThrow().title();
    System.out.printf(
        "%s: %d renames applied, %d refused as stale, %d failed; final title %s%n",
        kind,
        applied.get(),
        threads * renames - applied.get() - failed.get(),
        failed.get(),
        finalTitle);
    assertThat(applied.get()).isPositive();
    assertThat(keysOf(database.dataSource(), lamp.id())).isEqualTo(keys(finalTitle));
    int finding = 0;
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < renames; i++) {
        List<Product> found = search(store, "racing w" + t + "x" + i + "y", PageRequest.first());
        boolean isFinal = finalTitle.contains(" w" + t + "x" + i + "y ");
        assertThat(found).as("w%dx%d", t, i).hasSize(isFinal ? 1 : 0);
        finding += found.size();
      }
    }
    assertThat(finding).isEqualTo(1);
  }

  /**
   * EXPLAIN of every shape of search statement on {@link #LARGE} products ("Bulk product N"), with
   * a few rare ones ("Saffron N"), one producer's among them: the plans read the index by key, and
   * the lead key's entries come in id order (no sort of every match). Printed, and kept for the
   * report in {@code target/title-index-plans.txt}.
   */
  @OnEachDatabase
  void everySearchIsPlannedOnTheIndex_onALargeCatalogue(TestDatabases.Kind kind) throws Exception {
    DataSource dataSource = largeCatalogue(kind);
    StorePersistence store =
        JdbiStorePersistence.open(Jdbi.create(dataSource), TestDatabases.CURRENCY);
    long other;
    try (Connection c = dataSource.getConnection()) {
      other = single(c, "SELECT MAX(producer_id) FROM product");
    }
    record Case(String name, String q, Optional<ProducerId> producer, long after) {}
    List<Case> cases =
        List.of(
            new Case("common term", "product", Optional.empty(), 0),
            new Case("common term, deep page", "bulk", Optional.empty(), LARGE / 2),
            new Case("rare term", "saffron", Optional.empty(), 0),
            new Case("common and rare", "bulk saf", Optional.empty(), 0),
            new Case("two common", "bulk product", Optional.empty(), 0),
            new Case("two common, deep page", "product bulk", Optional.empty(), LARGE / 2),
            new Case(
                "common, of a small producer", "product", Optional.of(ProducerId.of(other)), 0),
            new Case("mid term", "123", Optional.empty(), 0));
    for (Case c : cases) {
      ProductSearch search = ProductSearch.of(c.q());
      ProductQuery query =
          new ProductQuery(1, c.producer(), new PageRequest(c.after(), 100), Optional.of(search));
      String plan;
      String generic = "";
      try (Connection connection = dataSource.getConnection()) {
        TitleIndex.Plan statement = TitleIndex.plan(connection, query, search, c.after(), 101);
        plan = explain(connection, kind, statement);
        if (kind == TestDatabases.Kind.POSTGRESQL) {
          // For the record only: what a server-side prepared statement could settle on, and
          // why the adapter never lets the driver prepare these (see the next test).
          generic =
              "for comparison, the generic plan the adapter avoids:\n"
                  + explainGeneric(connection, statement);
        }
      }
      String heading = kind + ", " + c.name() + " (q=" + c.q() + "):";
      System.out.println(heading + "\n" + plan);
      synchronized (PLANS) {
        PLANS.append(heading).append('\n').append(plan).append(generic).append("\n\n");
      }
      String lower = plan.toLowerCase(Locale.ROOT);
      assertThat(lower).as(heading).doesNotContain("seq scan").doesNotContain("tablescan");
      assertThat(lower)
          .as(heading)
          .containsPattern(
              kind == TestDatabases.Kind.POSTGRESQL
                  ? "(index (only )?scan using|bitmap index scan on)"
                      + " (product_word_prefix_pk|product_producer_id_ix)"
                  : "/\\* public\\.(primary_key_[0-9a-f]+|product_producer_id_ix):"
                      + " (word_prefix|producer_id) = \\?1");
      assertThat(rowsRead(kind, plan))
          .as(heading + " no step reads more rows than a page and the counting cap")
          .allMatch(rows -> rows <= TitleIndex.COUNT_CAP + 101L);
      long started = System.nanoTime();
      List<Product> found = store.products().list(query).items();
      double ms = (System.nanoTime() - started) / 1e6;
      System.out.printf(Locale.ROOT, "%s %d found in %.1f ms%n", heading, found.size(), ms);
      assertThat(found).allMatch(p -> search.matches(p.title()));
    }
  }

  /**
   * On PostgreSQL, the search statements run many times on one connection are still never prepared
   * on the server (where a generic plan could read every entry of a common key): each execution is
   * planned for its own keys.
   */
  @org.junit.jupiter.api.Test
  void onPostgres_searchStatementsAreNeverPreparedOnTheServer() throws Exception {
    DataSource dataSource = largeCatalogue(TestDatabases.Kind.POSTGRESQL);
    try (Connection connection = dataSource.getConnection()) {
      Connection kept =
          (Connection)
              java.lang.reflect.Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                      return null;
                    }
                    try {
                      return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      StorePersistence store =
          JdbiStorePersistence.open(Jdbi.create(() -> kept), TestDatabases.CURRENCY);
      for (int i = 0; i < 12; i++) {
        assertThat(search(store, i % 2 == 0 ? "bulk saf" : "saf bulk", PageRequest.first()))
            .hasSize(10);
        assertThat(search(store, "product", PageRequest.first())).hasSize(100);
      }
      // The control: the same statement text, prepared as the driver prepares any other.
      try (PreparedStatement plain =
          connection.prepareStatement(
              "SELECT 1 FROM product_word_prefix WHERE word_prefix = ? LIMIT 1")) {
        for (int i = 0; i < 6; i++) {
          plain.setString(1, "bulk");
          plain.executeQuery().close();
        }
      }
      assertThat(preparedOnTheServer(connection, "product_word_prefix"))
          .as("queries of the title index prepared on the server: only the control")
          .containsExactly("SELECT 1 FROM product_word_prefix WHERE word_prefix = $1 LIMIT 1");
    }
  }

  private static List<String> preparedOnTheServer(Connection connection, String naming)
      throws SQLException {
    List<String> statements = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT statement FROM pg_prepared_statements"
                + " WHERE statement LIKE 'SELECT%' AND statement LIKE ?")) {
      s.setString(1, "%" + naming + "%");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          statements.add(rows.getString(1));
        }
      }
    }
    return statements;
  }

  /** PostgreSQL's plan of {@code statement} as a prepared statement's generic plan, executed. */
  private static String explainGeneric(Connection connection, TitleIndex.Plan statement)
      throws SQLException {
    StringBuilder sql = new StringBuilder();
    int n = 0;
    for (char ch : statement.sql().toCharArray()) {
      sql.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
    }
    StringBuilder values = new StringBuilder();
    for (Object parameter : statement.parameters()) {
      values.append(values.length() == 0 ? "" : ", ");
      values.append(
          parameter instanceof String text ? "'" + text.replace("'", "''") + "'" : parameter);
    }
    try (Statement s = connection.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE search_plan AS " + sql);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows =
          s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_plan(" + values + ")")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      s.execute("DEALLOCATE search_plan");
      s.execute("RESET plan_cache_mode");
      return plan.toString();
    }
  }

  /** The rows each step of an executed plan read: PostgreSQL's actual rows, H2's scan counts. */
  private static List<Long> rowsRead(TestDatabases.Kind kind, String plan) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                kind == TestDatabases.Kind.POSTGRESQL
                    ? "actual time=\\S+ rows=(\\d+) loops=(\\d+)"
                    : "scanCount: (\\d+)()")
            .matcher(plan);
    List<Long> rows = new ArrayList<>();
    while (m.find()) {
      long loops = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
      rows.add(Long.parseLong(m.group(1)) * loops);
    }
    assertThat(rows).as("steps found in the plan").isNotEmpty();
    return rows;
  }

  @AfterAll
  static void keepPlans() throws Exception {
    java.nio.file.Path out = java.nio.file.Path.of("target", "title-index-plans.txt");
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Files.writeString(out, PLANS.toString());
  }

  private static String explain(
      Connection connection, TestDatabases.Kind kind, TitleIndex.Plan statement)
      throws SQLException {
    String prefix =
        kind == TestDatabases.Kind.POSTGRESQL
            ? "EXPLAIN (ANALYZE, COSTS OFF) "
            : "EXPLAIN ANALYZE ";
    try (PreparedStatement explain = connection.prepareStatement(prefix + statement.sql())) {
      int i = 1;
      for (Object parameter : statement.parameters()) {
        explain.setObject(i++, parameter);
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  /**
   * {@link #LARGE} bulk products of one producer, then 20 "saffron" ones, half of them another's.
   * Made once per database.
   */
  private static synchronized DataSource largeCatalogue(TestDatabases.Kind kind) throws Exception {
    DataSource existing = LARGE_DATABASES.get(kind);
    if (existing != null) {
      return existing;
    }
    TestDatabases.Migrated database = kind.migrated("title_index_large");
    DataSource dataSource = database.dataSource();
    StorePersistence store = database.store();
    Producer bulk = producer(store);
    Producer small = producer(store);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO product (producer_id, title, price, inventory_count, version)"
                  + " VALUES (?, ?, 9.99, 1000, 1)")) {
        for (int i = 1; i <= LARGE; i++) {
          insert.setLong(1, bulk.id().value());
          insert.setString(2, "Bulk product " + i);
          insert.addBatch();
          if (i % 1000 == 0) {
            insert.executeBatch();
          }
        }
      }
      try (PreparedStatement read = c.prepareStatement("SELECT id, title FROM product");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO product_word_prefix (word_prefix, product_id) VALUES (?, ?)");
          ResultSet rows = read.executeQuery()) {
        int n = 0;
        while (rows.next()) {
          for (String key : SearchText.indexKeys(rows.getString(2))) {
            insert.setString(1, key);
            insert.setLong(2, rows.getLong(1));
            insert.addBatch();
            if (++n % 5000 == 0) {
              insert.executeBatch();
            }
          }
        }
        insert.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
    }
    for (int i = 0; i < 20; i++) {
      store
          .products()
          .add(
              i % 2 == 0
                  ? product(bulk, "Bulk saffron " + i)
                  : product(small, "Saffron product " + i));
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(kind == TestDatabases.Kind.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
    }
    LARGE_DATABASES.put(kind, dataSource);
    return dataSource;
  }

  private static List<Product> search(StorePersistence store, String q, PageRequest page) {
    return store
        .products()
        .list(new ProductQuery(1, Optional.empty(), page, Optional.of(ProductSearch.of(q))))
        .items();
  }

  private static Producer producer(StorePersistence store) {
    return store
        .producers()
        .add(
            new NewProducer(new Username("p" + Long.toHexString(System.nanoTime())), "not-a-hash"));
  }

  private static NewProduct product(Producer owner, String title) {
    return new NewProduct(owner.id(), title, Money.of("1.00", TestDatabases.CURRENCY), 3);
  }

  private static Set<String> keys(String title) {
    return new TreeSet<>(SearchText.indexKeys(title));
  }

  private static Set<String> keysOf(DataSource dataSource, ProductId id) throws SQLException {
    Set<String> keys = new TreeSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT word_prefix FROM product_word_prefix WHERE product_id = ?")) {
      s.setLong(1, id.value());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    return keys;
  }

  /** The last migration before this one (version 6 once every branch of this round is in). */
  private static String versionBefore7(DataSource dataSource) {
    return java.util.Arrays.stream(
            Flyway.configure(JdbiStorePersistence.class.getClassLoader())
                .dataSource(dataSource)
                .locations(JdbiStorePersistence.MIGRATIONS_LOCATION)
                .table(JdbiStorePersistence.SCHEMA_HISTORY_TABLE)
                .load()
                .info()
                .all())
        .map(m -> m.getVersion())
        .filter(v -> v.compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion("7")) < 0)
        .max(java.util.Comparator.naturalOrder())
        .orElseThrow()
        .getVersion();
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

package org.barebones.store.app;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.barebones.store.persistence.JdbiStorePersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command {@code db migrate [config.yml]}: brings the configured database's schema up to date with
 * this version of the store (the persistence module's Flyway migrations), then exits.
 */
final class DbCommand extends ConfiguredCommand<StoreConfiguration> {

  private static final String SUBCOMMAND = "subcommand";
  private static final String MIGRATE = "migrate";
  private static final Logger LOG = LoggerFactory.getLogger(DbCommand.class);

  DbCommand() {
    super("db", "Manages the store's database schema");
  }

  @Override
  public void configure(Subparser subparser) {
    // The file argument belongs to the subcommand: "db migrate config.yml".
    Subparser migrate =
        subparser
            .addSubparsers()
            .addParser(MIGRATE)
            .setDefault(SUBCOMMAND, MIGRATE)
            .help("applies every pending schema migration");
    addFileArgument(migrate);
  }

  @Override
  protected void run(
      Bootstrap<StoreConfiguration> bootstrap, Namespace namespace, StoreConfiguration config)
      throws Exception {
    if (!MIGRATE.equals(namespace.getString(SUBCOMMAND))) {
      throw new IllegalArgumentException("unknown db subcommand; try: db migrate [config.yml]");
    }
    ManagedDataSource dataSource =
        config.getDatabase().build(bootstrap.getMetricRegistry(), "db-migrate");
    try {
      int applied = JdbiStorePersistence.migrate(dataSource);
      LOG.info(
          applied == 0
              ? "The database schema is already up to date"
              : "Applied {} schema migration(s)",
          applied);
    } finally {
      dataSource.stop();
    }
  }
}

package org.barebones.store.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a JDBC URL points at, as far as the server's defaults care: embedded file, memory, other.
 */
record DatabaseKind(Kind kind, Optional<Path> directory) {

  enum Kind {
    /** H2 keeping its files on this machine. */
    EMBEDDED_FILE,
    /** H2 in this process's memory: gone when it stops. */
    IN_MEMORY,
    /** A database server (PostgreSQL, or H2 over TCP), possibly shared by several nodes. */
    SERVER
  }

  static DatabaseKind of(String jdbcUrl) {
    String url = jdbcUrl.trim();
    if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      return new DatabaseKind(Kind.SERVER, Optional.empty());
    }
    String location = url.substring("jdbc:h2:".length());
    int options = location.indexOf(';');
    if (options >= 0) {
      location = location.substring(0, options);
    }
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mem:")) {
      return new DatabaseKind(Kind.IN_MEMORY, Optional.empty());
    }
    if (lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
      return new DatabaseKind(Kind.SERVER, Optional.empty());
    }
    if (lower.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    Path directory = Path.of(location).toAbsolutePath().normalize().getParent();
    return new DatabaseKind(Kind.EMBEDDED_FILE, Optional.ofNullable(directory));
  }
}

package org.barebones.store.app.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Test support: prints a proof's figures and keeps them in {@code target/integrity-figures.txt}, so
 * that the README's "Guarantees" table can quote the last run.
 */
final class Figures {

  private static final Path FILE = Path.of("target", "integrity-figures.txt");

  private Figures() {}

  static synchronized void record(String proof, String figures) {
    String line = "[" + proof + "] " + figures;
    System.out.println(line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          Instant.now() + " " + line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("could not keep the figures in " + FILE + ": " + e);
    }
  }
}

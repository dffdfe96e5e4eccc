package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.barebones.store.app.DatabaseKind.Kind;
import org.junit.jupiter.api.Test;

class DatabaseKindTest {

  @Test
  void theDefaultUrl_isAnEmbeddedFile_inDataUnderTheWorkingDirectory() {
    DatabaseKind kind = DatabaseKind.of(StoreConfiguration.DEFAULT_DATABASE_URL);

    assertThat(kind.kind()).isEqualTo(Kind.EMBEDDED_FILE);
    assertThat(kind.directory()).contains(Path.of("data").toAbsolutePath());
  }

  @Test
  void otherUrls_areRecognised() {
    assertThat(DatabaseKind.of("jdbc:h2:file:/var/lib/store/db;MODE=PostgreSQL").directory())
        .contains(Path.of("/var/lib/store"));
    assertThat(DatabaseKind.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1").kind())
        .isEqualTo(Kind.IN_MEMORY);
    assertThat(DatabaseKind.of("jdbc:h2:tcp://localhost/~/store").kind()).isEqualTo(Kind.SERVER);
    assertThat(DatabaseKind.of("jdbc:postgresql://localhost:5432/store").kind())
        .isEqualTo(Kind.SERVER);
  }
}

package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.producer.UsernameTakenException;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.ProducerRepository}. */
public abstract class ProducerRepositoryContract extends ContractSupport {

  @Test
  void add_givesAnIdAndStoresEveryField() {
    String name = uniqueUsername();
    Producer added = store.producers().add(new NewProducer(new Username(name), "hash$1"));

    assertThat(added.id().value()).isPositive();
    assertThat(store.producers().findById(added.id())).contains(added);
    assertThat(added.username().value()).isEqualTo(name);
    assertThat(added.passwordHash()).isEqualTo("hash$1");
  }

  @Test
  void findById_whenUnknown_isEmpty() {
    assertThat(store.producers().findById(new ProducerId(Long.MAX_VALUE))).isEmpty();
  }

  @Test
  void findByUsername_ignoresCase() {
    Producer added = aProducer();
    Username shouted = new Username(added.username().value().toUpperCase(Locale.ROOT));

    assertThat(store.producers().findByUsername(shouted)).contains(added);
    assertThat(store.producers().findByUsername(new Username(uniqueUsername()))).isEmpty();
  }

  @Test
  void add_whenUsernameTakenInAnotherCase_refusesAndKeepsTheFirst() {
    Producer first = aProducer();
    Username sameInCaps = new Username(first.username().value().toUpperCase(Locale.ROOT));

    assertThatThrownBy(() -> store.producers().add(new NewProducer(sameInCaps, "other")))
        .isInstanceOf(UsernameTakenException.class);
    assertThat(store.producers().findByUsername(sameInCaps)).contains(first);
  }

  @Test
  void add_whenTheSameUsernameRaces_exactlyOneWins() throws Exception {
    Username name = new Username(uniqueUsername());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Boolean>> attempts =
          IntStream.range(0, threads)
              .<Callable<Boolean>>mapToObj(
                  i ->
                      () -> {
                        try {
                          store.producers().add(new NewProducer(name, "h" + i));
                          return true;
                        } catch (UsernameTakenException e) {
                          return false;
                        }
                      })
              .toList();
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(attempts)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void list_pagesByKeysetInIdOrder() {
    Producer a = aProducer();
    Producer b = aProducer();
    Producer c = aProducer();

    Page<Producer> first = store.producers().list(new PageRequest(a.id().value() - 1, 2));
    assertThat(first.items()).containsExactly(a, b);
    assertThat(first.nextAfter()).hasValue(b.id().value());

    Page<Producer> last = store.producers().list(new PageRequest(b.id().value(), 2));
    assertThat(last.items()).containsExactly(c);
    assertThat(last.nextAfter()).isEmpty();
  }
}

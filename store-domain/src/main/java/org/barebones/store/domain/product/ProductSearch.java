package org.barebones.store.domain.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.shared.InvalidInputException;

/**
 * Value: a catalogue search: the products whose title holds every term, where a term matches the
 * start of a word of the title, case-insensitively ({@code gre tea} finds "Green tea, 100 g";
 * {@code tea} does not find "Steam iron"). Words and their folding are {@link SearchText}'s.
 *
 * <p>{@code terms} are folded, and a term that starts another term is dropped (whatever matches
 * {@code teapot} also matches {@code tea}), longest first.
 */
public record ProductSearch(List<String> terms) {

  /** The longest search text, in characters (code points). */
  public static final int MAX_LENGTH = 100;

  /** The most terms a search text may hold. */
  public static final int MAX_TERMS = 8;

  public ProductSearch {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one term");
    }
  }

  /**
   * The search a buyer typed.
   *
   * @throws InvalidInputException naming {@code q} when {@link #problemWith} finds one
   */
  public static ProductSearch of(String text) {
    Optional<String> problem = problemWith(text);
    if (problem.isPresent()) {
      throw new InvalidInputException("q", problem.get());
    }
    return new ProductSearch(distinctTerms(SearchText.words(text)));
  }

  /**
   * What is wrong with {@code text} as a search, if anything: it holds 1 to {@value #MAX_LENGTH}
   * characters and 1 to {@value #MAX_TERMS} terms (a text of punctuation alone holds none).
   */
  public static Optional<String> problemWith(String text) {
    Objects.requireNonNull(text, "text");
    int length = text.codePointCount(0, text.length());
    if (length < 1 || length > MAX_LENGTH) {
      return Optional.of("must be 1 to " + MAX_LENGTH + " characters");
    }
    int terms = SearchText.words(text).size();
    if (terms == 0) {
      return Optional.of("must hold at least one term (a letter or a digit)");
    }
    if (terms > MAX_TERMS) {
      return Optional.of("must hold at most " + MAX_TERMS + " terms");
    }
    return Optional.empty();
  }

  /** Whether {@code title} holds every term at the start of one of its words. */
  public boolean matches(String title) {
    List<String> words = SearchText.words(title);
    for (String term : terms) {
      if (words.stream().noneMatch(word -> word.startsWith(term))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an index of {@link SearchText#indexKeys} answers this search exactly; if not (a term is
   * longer than a key), what it finds must still be checked with {@link #matches}.
   */
  public boolean isExactInIndex() {
    return terms.stream().allMatch(SearchText::isWholeKey);
  }

  private static List<String> distinctTerms(List<String> words) {
    List<String> longestFirst = new ArrayList<>(words);
    longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
    List<String> kept = new ArrayList<>();
    for (String word : longestFirst) {
      if (kept.stream().noneMatch(longer -> longer.startsWith(word))) {
        kept.add(word);
      }
    }
    return kept;
  }
}

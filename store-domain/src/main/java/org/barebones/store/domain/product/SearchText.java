package org.barebones.store.domain.product;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Policy: how a title and a search split into words, and the keys a search index keeps for a title.
 *
 * <p>A word is a run of letters and digits (Unicode's, any script), read from the text in its
 * composed form (NFC); combining marks inside a word belong to it, so that scripts written with
 * them (Devanagari's vowel signs, say) keep their words whole. Everything else (spaces,
 * punctuation, symbols, {@code %}, {@code _}, {@code \}) only separates words. Words are compared
 * folded: upper-cased then lower-cased (so {@code ß} and {@code SS} agree), with the final sigma
 * and the dotted capital I folded like their other forms. Accents are kept: {@code cafe} does not
 * find {@code Café}.
 */
public final class SearchText {

  /**
   * The longest prefix of a word, in code points, that a search index keeps: enough for nearly
   * every real word, and a bound on the keys a long title costs. A longer term is looked up by its
   * first this many code points and then checked against the title.
   */
  public static final int MAX_KEY_LENGTH = 32;

  private SearchText() {}

  /** The words of {@code text}, folded, in order, repeats included. */
  public static List<String> words(String text) {
    String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
    List<String> words = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < composed.length()) {
      int c = composed.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0 && !isMark(c)) {
        words.add(fold(composed.substring(start, i)));
        start = -1;
      }
      i += Character.charCount(c);
    }
    if (start >= 0) {
      words.add(fold(composed.substring(start)));
    }
    return words;
  }

  /**
   * The keys a search index keeps for {@code title}: every prefix of every folded word, up to
   * {@link #MAX_KEY_LENGTH} code points, each once. A term of at most that length matches the title
   * exactly when it is one of these keys.
   */
  public static Set<String> indexKeys(String title) {
    Set<String> keys = new LinkedHashSet<>();
    for (String word : words(title)) {
      int end = 0;
      for (int n = 1; n <= MAX_KEY_LENGTH && end < word.length(); n++) {
        end += Character.charCount(word.codePointAt(end));
        keys.add(word.substring(0, end));
      }
    }
    return keys;
  }

  /** The key an index looks {@code term} (folded) up by: its first {@link #MAX_KEY_LENGTH}. */
  public static String indexKey(String term) {
    return isWholeKey(term) ? term : term.substring(0, term.offsetByCodePoints(0, MAX_KEY_LENGTH));
  }

  /** Whether {@code term} (folded) is short enough to be a key of its own. */
  public static boolean isWholeKey(String term) {
    return term.codePointCount(0, term.length()) <= MAX_KEY_LENGTH;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static String fold(String word) {
    String folded =
        word.toUpperCase(Locale.ROOT)
            .toLowerCase(Locale.ROOT)
            .replace('ς', 'σ')
            .replace("i\u0307", "i");
    return Normalizer.normalize(folded, Normalizer.Form.NFC);
  }
}

package dev.mp.resolve;

import dev.mp.io.EditDistance;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PluginEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * "Did you mean" names for a plugin no registry offers. Only on the error path. First every name one
 * edit away (and the lower-case and {@code _}/{@code -} variants) is looked up by name in each
 * available registry, which costs a few thousand lookups whatever the index size; only when none
 * exists are the smaller indexes scanned (up to {@link #SCAN_LIMIT} entries each) for names within a
 * third of the length.
 */
final class Suggestions {
  static final int SCAN_LIMIT = 20_000;
  private static final int MAX = 3;
  private static final int MAX_NEIGHBOURHOOD_LENGTH = 64;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_.";

  private Suggestions() {}

  static List<String> closeNames(Catalog catalog, String wanted) {
    TreeMap<String, Integer> found = new TreeMap<>();
    if (wanted.length() <= MAX_NEIGHBOURHOOD_LENGTH) {
      for (String candidate : neighbours(wanted)) {
        for (LoadedRegistry registry : catalog.available) {
          if (registry.index().find(candidate).isPresent()) {
            found.put(candidate, EditDistance.of(wanted, candidate));
            break;
          }
        }
      }
    }
    if (found.isEmpty()) {
      int limit = Math.max(1, wanted.length() / 3);
      for (LoadedRegistry registry : catalog.available) {
        if (registry.index().size() > SCAN_LIMIT) {
          continue;
        }
        try (Stream<PluginEntry> entries = registry.index().entries()) {
          for (Iterator<PluginEntry> it = entries.iterator(); it.hasNext(); ) {
            String name = it.next().name();
            if (Math.abs(name.length() - wanted.length()) <= limit && !name.equals(wanted)) {
              int distance = EditDistance.of(wanted, name);
              if (distance <= limit) {
                found.merge(name, distance, Math::min);
              }
            }
          }
        }
      }
    }
    List<String> names = new ArrayList<>(found.keySet());
    names.sort(Comparator.comparing((String name) -> found.get(name)).thenComparing(Comparator.naturalOrder()));
    return names.size() > MAX ? names.subList(0, MAX) : names;
  }

  /** Names one deletion, transposition, substitution or insertion away, plus case and separator variants. */
  private static Set<String> neighbours(String word) {
    Set<String> out = new LinkedHashSet<>();
    out.add(word.toLowerCase(Locale.ROOT));
    out.add(word.replace('_', '-'));
    out.add(word.replace('-', '_'));
    StringBuilder b = new StringBuilder(word.length() + 1);
    for (int i = 0; i < word.length(); i++) {
      out.add(b.append(word, 0, i).append(word, i + 1, word.length()).toString());
      b.setLength(0);
      if (i + 1 < word.length()) {
        out.add(b.append(word, 0, i).append(word.charAt(i + 1)).append(word.charAt(i)).append(word, i + 2, word.length())
            .toString());
        b.setLength(0);
      }
      for (int a = 0; a < ALPHABET.length(); a++) {
        out.add(b.append(word, 0, i).append(ALPHABET.charAt(a)).append(word, i + 1, word.length()).toString());
        b.setLength(0);
      }
    }
    for (int i = 0; i <= word.length(); i++) {
      for (int a = 0; a < ALPHABET.length(); a++) {
        out.add(b.append(word, 0, i).append(ALPHABET.charAt(a)).append(word, i, word.length()).toString());
        b.setLength(0);
      }
    }
    out.remove(word);
    out.remove("");
    return out;
  }
}

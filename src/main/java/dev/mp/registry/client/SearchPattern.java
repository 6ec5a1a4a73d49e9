package dev.mp.registry.client;

import dev.mp.MpException;
import dev.mp.io.Glob;
import dev.mp.registry.PluginEntry;
import java.util.Locale;

/**
 * What {@code mp search} matches: a glob when the pattern has {@code *} or {@code ?} ({@code *} any
 * run of characters, {@code ?} one; matched against the whole name or description), else a
 * substring. Case-insensitive either way. Immutable.
 */
public final class SearchPattern {
  private final String text;
  private final Glob glob;
  private final String needle;

  private SearchPattern(String text, Glob glob, String needle) {
    this.text = text;
    this.glob = glob;
    this.needle = needle;
  }

  /**
   * @throws MpException {@code USAGE_ERROR} for an empty pattern
   */
  public static SearchPattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw MpException.usage("the search pattern is empty", "give a name, part of one, or a glob such as `*-lint`");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Glob glob = Glob.of(lower);
    return glob.hasWildcards() ? new SearchPattern(text, glob, null) : new SearchPattern(text, null, lower);
  }

  /** The pattern as given. */
  public String text() {
    return text;
  }

  /** True for a glob, false for a substring. */
  public boolean isGlob() {
    return glob != null;
  }

  /** True when the plugin's name or description matches. */
  public boolean matches(PluginEntry entry) {
    return matches(entry.name()) || (entry.description() != null && matches(entry.description()));
  }

  boolean matches(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return glob != null ? glob.matches(lower) : lower.contains(needle);
  }
}

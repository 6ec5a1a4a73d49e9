package dev.mp.registry.client;

import dev.mp.MpException;
import dev.mp.registry.PluginEntry;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code mp search} matches: a glob when the pattern has {@code *} or {@code ?} ({@code *} any
 * run of characters, {@code ?} one; matched against the whole name or description), else a
 * substring. Case-insensitive either way. Immutable.
 */
public final class SearchPattern {
  private final String text;
  private final Pattern glob;
  private final String needle;

  private SearchPattern(String text, Pattern glob, String needle) {
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
    if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
      return new SearchPattern(text, null, text.toLowerCase(Locale.ROOT));
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new SearchPattern(text, Pattern.compile(regex.toString(),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL), null);
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
    return glob != null ? glob.matcher(value).matches() : value.toLowerCase(Locale.ROOT).contains(needle);
  }
}

package dev.mp.registry;

import java.util.regex.Pattern;

/**
 * What a plugin name may be: letters, digits, {@code .}, {@code _} and {@code -}, starting with a
 * letter or digit, at most 128 characters. A name becomes a folder under the install directory, so
 * anything that could leave it ({@code /}, {@code ..} at the start, spaces) is refused at the registry.
 */
public final class PluginNames {
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private PluginNames() {}

  /** Same as matching {@link #VALID}, without a regex: it runs for every entry of every index. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > 128) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }
}

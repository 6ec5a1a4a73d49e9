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

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }
}

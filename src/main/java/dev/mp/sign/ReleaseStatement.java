package dev.mp.sign;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes an entry or release signature covers (DESIGN.md §7): the UTF-8 of {@code
 * mp-signature-v1\n<name>\n<version>\n<integrity>\n}. Binding the integrity binds the plugin's whole
 * content; binding name and version stops a signature from being moved to another plugin or release.
 */
public final class ReleaseStatement {
  /** The first line, which versions the statement format. */
  public static final String VERSION_LINE = "mp-signature-v1";

  private ReleaseStatement() {}

  /**
   * The statement for a release.
   *
   * @throws IllegalArgumentException when a part is empty or holds a line break (the statement would
   *     be ambiguous)
   */
  public static byte[] of(String name, String version, String integrity) {
    return (VERSION_LINE + "\n" + check("name", name) + "\n" + check("version", version) + "\n"
        + check("integrity", integrity) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Why {@code of} would refuse these parts, or null when it accepts them. */
  public static String problem(String name, String version, String integrity) {
    try {
      of(name, version, integrity);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String check(String part, String value) {
    Objects.requireNonNull(value, part);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the " + part + " is empty");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the " + part + " contains a line break");
    }
    return value;
  }
}

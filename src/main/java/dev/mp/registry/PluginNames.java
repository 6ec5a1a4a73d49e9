package dev.mp.registry;

import dev.mp.io.Sha256;
import java.util.Locale;
import java.util.Set;

/**
 * Plugin names as Claude Code (2.1.332) takes them, and the folder each one is installed into.
 *
 * <ul>
 *   <li><b>Listed</b>: Claude Code loads a marketplace entry whose name is non-empty, has no space and
 *       no control or bidirectional-formatting character; colons, slashes and non-ASCII letters are
 *       listed. mp lists, searches and resolves the same names.
 *   <li><b>Installable</b>: Claude Code installs only ids whose every part uses the letters a-z and
 *       A-Z, digits, {@code .}, {@code _} and {@code -} and starts with a letter or digit (any length);
 *       it refuses {@code a:b}, {@code ünï} or {@code .hidden} with "its id is invalid". mp installs
 *       exactly those names, and says why for the others.
 *   <li><b>Folder</b>: the folder under the install folder. A name of lowercase letters, digits,
 *       {@code .}, {@code _} and {@code -} (at most {@value #PLAIN_MAX} characters, not ending with a
 *       dot, not a Windows device name) is its own folder; any other name becomes {@code
 *       <stem>~<12 hex digits of the SHA-256 of the name>}, the stem being the name with other
 *       characters replaced by {@code _}, cut to {@value #STEM_MAX} characters. A {@code ~} never occurs
 *       in a plain folder, so two different names never share a folder, even on a file system that
 *       ignores case ({@code Foo} and {@code foo} are two plugins for Claude Code).
 * </ul>
 *
 * Stateless.
 */
public final class PluginNames {
  /** What Claude Code requires of an installable name, for messages. */
  public static final String INSTALLABLE_RULE = "letters a-z and A-Z, digits, `.`, `_` and `-`, starting with a letter"
      + " or digit";

  static final int PLAIN_MAX = 100;
  static final int STEM_MAX = 64;
  private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$",
      "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³",
      "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³");

  private PluginNames() {}

  /** True when Claude Code lists an entry of this name (it runs for every entry of every index). */
  public static boolean isListed(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ' || Character.getType(c) == Character.CONTROL || (c >= '\u200E' && c <= '\u200F')
          || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
        return false;
      }
    }
    return true;
  }

  /** Why Claude Code does not list an entry of this name (for the warning that skips it), or null. */
  public static String listProblem(String name) {
    if (isListed(name)) {
      return null;
    }
    return name == null || name.isEmpty() ? "entry without a `name`"
        : "plugin name `" + name.replaceAll("\\p{Cc}", "?") + "` has a space or a control character, which Claude Code"
            + " does not accept";
  }

  /** True when Claude Code installs a plugin of this name. */
  public static boolean isInstallable(String name) {
    if (name == null || name.isEmpty()) {
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

  /** Why Claude Code does not install a plugin of this name, or null when it does. */
  public static String installProblem(String name) {
    return isInstallable(name) ? null
        : "Claude Code installs only plugins whose name uses " + INSTALLABLE_RULE + " (it refuses `" + name
            + "` as an invalid id)";
  }

  /** The folder a plugin of this name is installed into (see the class comment); never leaves the install folder. */
  public static String folder(String name) {
    if (isPlainFolder(name)) {
      return name;
    }
    StringBuilder stem = new StringBuilder();
    for (int i = 0; i < name.length() && stem.length() < STEM_MAX; ) {
      int c = name.codePointAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
          || c == '-';
      stem.append(safe ? (char) c : '_');
      i += Character.charCount(c);
    }
    // No leading `.` (hidden) or `-` (read as an option), no trailing `.` (dropped by Windows).
    while (stem.length() > 0 && (stem.charAt(0) == '.' || stem.charAt(0) == '-')) {
      stem.deleteCharAt(0);
    }
    while (stem.length() > 0 && stem.charAt(stem.length() - 1) == '.') {
      stem.deleteCharAt(stem.length() - 1);
    }
    String hash = Sha256.hex(name).substring(0, 12);
    return (stem.length() == 0 ? "plugin" : stem) + "~" + hash;
  }

  /**
   * What is installed, by plugin name: each of {@code known} whose folder is among {@code folders},
   * and each other folder by its own name (a folder mp did not place). Sorted.
   */
  public static java.util.SortedSet<String> installedNames(java.util.Collection<String> folders,
      java.util.Collection<String> known) {
    java.util.Set<String> left = new java.util.HashSet<>(folders);
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (String name : known) {
      if (left.remove(folder(name))) {
        names.add(name);
      }
    }
    names.addAll(left);
    return names;
  }

  private static boolean isPlainFolder(String name) {
    if (name.isEmpty() || name.length() > PLAIN_MAX || name.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    int dot = name.indexOf('.');
    return !WINDOWS_DEVICES.contains((dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT));
  }
}

package dev.mp.registry.source;

import java.util.regex.Pattern;

/**
 * Where a marketplace entry's relative {@code source} string points, as Claude Code (2.1.332) reads
 * it:
 *
 * <ul>
 *   <li>{@code "./x"} (and {@code "."}, {@code "./"}) is relative to the marketplace root, the folder
 *       holding {@code .claude-plugin/}; {@code metadata.pluginRoot} does not apply;
 *   <li>a bare name ({@code "x"}: letters, digits, {@code .}, {@code _}, {@code -}) resolves under
 *       {@code metadata.pluginRoot}; without one (or with one outside the marketplace) it is not
 *       installable;
 *   <li>anything else without a scheme ({@code "plugins/x"}, {@code "x/"}, {@code ".."}) is not
 *       installable: Claude Code requires {@code ./}.
 * </ul>
 *
 * mp also refuses a {@code ..} segment ({@code "./a/../b"}), which could leave the marketplace.
 * Stateless.
 */
final class RelativeSource {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private RelativeSource() {}

  /**
   * Where a source points, or why it cannot be installed.
   *
   * @param path {@code /}-separated, relative to the marketplace root; empty for the root itself; null
   *     when {@code problem} is set
   * @param problem why Claude Code (or mp) does not install it, or null
   */
  record Resolved(String path, String problem) {}

  /** True for a source string this class reads: no scheme, not absolute. */
  static boolean applies(String source) {
    return !source.isBlank() && !source.contains(":") && !source.startsWith("/") && !source.startsWith("\\");
  }

  /**
   * {@code metadata.pluginRoot} as a path relative to the marketplace root ({@code ""} for the root),
   * or null when it is missing or leaves the marketplace.
   */
  static String pluginRoot(String declared) {
    if (declared == null) {
      return null;
    }
    String trimmed = declared.trim();
    if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.matches("(\\./)+")) {
      return "";
    }
    return SourceObjects.subdir(trimmed);
  }

  /**
   * Resolves {@code source}.
   *
   * @param pluginRoot as {@link #pluginRoot} gives it, or null
   */
  static Resolved resolve(String source, String pluginRoot) {
    if (source.equals(".") || source.startsWith("./")) {
      String rest = source.substring(1);
      if (rest.replace('\\', '/').matches("/*")) {
        return new Resolved("", null);
      }
      String relative = SourceObjects.subdir(source);
      return relative == null
          ? new Resolved(null, "source `" + source + "` leaves the marketplace folder")
          : new Resolved(relative, null);
    }
    if (BARE.matcher(source).matches()) {
      if (pluginRoot == null) {
        return new Resolved(null, "the bare source `" + source + "` resolves under `metadata.pluginRoot`, which this"
            + " marketplace does not set inside itself; write `./" + source + "`");
      }
      return new Resolved(pluginRoot.isEmpty() ? source : pluginRoot + "/" + source, null);
    }
    return new Resolved(null, "source `" + source + "` must start with `./`");
  }
}

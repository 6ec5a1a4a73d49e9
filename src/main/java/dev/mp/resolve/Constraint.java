package dev.mp.resolve;

/**
 * One requirement on a plugin: the user's request or a dependency of another resolved plugin.
 *
 * @param range the range as written ({@code *} for any)
 * @param requiredBy the plugin that depends on it, or null when the user asked for it
 * @param requiredByVersion the version of {@code requiredBy}, or null when the user asked for it
 * @param registry the registry the dependency must come from ({@code marketplace}), or null
 */
public record Constraint(String range, String requiredBy, String requiredByVersion, String registry) {
  /** True for the user's own request. */
  public boolean isRequested() {
    return requiredBy == null;
  }

  /** {@code ^1 (requested)}, {@code ~1.2 from gamma 1.0.0}, with {@code , from registry team} when pinned. */
  public String describe() {
    String from = requiredBy == null ? "requested" : "from " + requiredBy + " " + requiredByVersion;
    return "`" + range + "` (" + from + (registry == null ? "" : ", registry `" + registry + "` only") + ")";
  }
}

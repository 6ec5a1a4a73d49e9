package dev.mp.resolve;

import dev.mp.config.ConflictStrategy;
import java.util.List;
import java.util.Objects;

/**
 * Registries that could each supply a plugin and would supply different content: the release each
 * would give under the plugin's constraints has a different integrity (or, when integrity is unknown
 * on a side, not provably the same package — {@link #unverifiable}).
 *
 * @param plugin the plugin name
 * @param sources every registry that could supply it, highest priority first, with the release it would give
 * @param unverifiable true when no two sources are provably different, only not provably the same
 * @param strategy the conflict strategy in force
 * @param chosen the registry used, or null when the conflict stopped the resolution
 * @param how why {@code chosen} was used, or null when unresolved
 */
public record Conflict(String plugin, List<Offer> sources, boolean unverifiable, ConflictStrategy strategy,
    String chosen, ChoiceReason how) {
  public Conflict {
    Objects.requireNonNull(plugin);
    sources = List.copyOf(sources);
    Objects.requireNonNull(strategy);
  }

  public boolean isResolved() {
    return chosen != null;
  }

  Conflict resolvedAs(String registry, ChoiceReason reason) {
    return new Conflict(plugin, sources, unverifiable, strategy, registry, reason);
  }

  /**
   * One line for people: who offers what, and which registry was taken and why, e.g. {@code conflict:
   * `gamma` has different content in `local` 1.0.0 (sha512-vsRq6VhMZKYb…), `team` 1.0.0 (...); took
   * `local` (priority)}.
   */
  public String summary() {
    StringBuilder offers = new StringBuilder();
    for (Offer offer : sources) {
      if (offers.length() > 0) {
        offers.append(", ");
      }
      offers.append('`').append(offer.registry()).append("` ").append(offer.version()).append(" (")
          .append(offer.integrity() == null ? "integrity unknown" : abbreviate(offer.integrity())).append(')');
    }
    String kind = unverifiable ? "content not provably the same" : "different content";
    String outcome = isResolved() ? "took `" + chosen + "` (" + how.wire() + ")" : "unresolved";
    return "conflict: `" + plugin + "` has " + kind + " in " + offers + "; " + outcome;
  }

  /** The algorithm and the first 12 characters of the digest: enough to tell two apart at a glance. */
  static String abbreviate(String integrity) {
    int dash = integrity.indexOf('-');
    return dash < 0 || integrity.length() < dash + 13 ? integrity : integrity.substring(0, dash + 13) + "…";
  }
}

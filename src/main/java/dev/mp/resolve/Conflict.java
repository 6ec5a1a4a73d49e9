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
}

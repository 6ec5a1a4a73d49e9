package dev.mp.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link RegistryResolver#resolve}: one consistent set of plugins. Immutable; the lists
 * are never null, {@code trace} is null without {@code --explain}.
 *
 * @param plugins every resolved plugin, requested ones and their dependencies, sorted by name (so
 *     the result never depends on the order the names were given in)
 * @param conflicts every conflict found and how it was resolved, sorted by plugin name
 * @param warnings things the user should know that did not stop the resolution, in a fixed order:
 *     unavailable registries, then preferences that could not be honoured, by plugin name
 * @param trace the {@code --explain} trace, or null when the request did not ask for it
 */
public record Resolution(List<ResolvedPlugin> plugins, List<Conflict> conflicts, List<String> warnings, Trace trace) {
  public Resolution {
    plugins = List.copyOf(plugins);
    conflicts = List.copyOf(conflicts);
    warnings = List.copyOf(warnings);
  }

  public Optional<ResolvedPlugin> find(String name) {
    for (ResolvedPlugin plugin : plugins) {
      if (plugin.name().equals(name)) {
        return Optional.of(plugin);
      }
    }
    return Optional.empty();
  }

  /** The plugins the user asked for, sorted by name. */
  public List<ResolvedPlugin> requested() {
    return plugins.stream().filter(ResolvedPlugin::requested).toList();
  }

  /**
   * This resolution with the policy decision for {@code plugin} attached to its trace (a no-op without
   * a trace).
   */
  public Resolution withPolicy(String plugin, PolicyVerdict verdict) {
    return trace == null ? this : new Resolution(plugins, conflicts, warnings, trace.withPolicy(plugin, verdict));
  }

  /** This resolution with {@code plugin} replaced (same name), e.g. after signature verification. */
  public Resolution with(ResolvedPlugin plugin) {
    List<ResolvedPlugin> updated = new ArrayList<>(plugins.size());
    for (ResolvedPlugin existing : plugins) {
      updated.add(existing.name().equals(plugin.name()) ? plugin : existing);
    }
    return new Resolution(updated, conflicts, warnings, trace);
  }
}

package dev.mp.resolve;

import dev.mp.registry.IndexState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code --explain} trace of a resolution: the registries in the order they were consulted, and
 * for each resolved plugin what every registry offered, which one won and why, the conflict if any,
 * and the policy decision once the caller attaches it.
 *
 * @param registries every enabled registry, in the order consulted (priority, then name)
 * @param plugins one entry per resolved plugin, sorted by name
 */
public record Trace(List<RegistryState> registries, List<PluginTrace> plugins) {
  public Trace {
    registries = List.copyOf(registries);
    plugins = List.copyOf(plugins);
  }

  /**
   * A registry as this run saw it.
   *
   * @param name the registry's name
   * @param priority its priority
   * @param state how current its index is
   * @param ageSeconds age of the cached copy in use, or null
   * @param problem why it is stale or unavailable, or null
   */
  public record RegistryState(String name, int priority, IndexState state, Long ageSeconds, String problem) {}

  /** What a registry had for a plugin. */
  public enum Offering {
    /** A release satisfying every constraint. */
    OFFERED("offered"),
    /** The plugin, but no release satisfying the constraints. */
    NO_MATCHING_RELEASE("no-matching-release"),
    /** Not the plugin at all. */
    NOT_OFFERED("not-offered"),
    /** The registry could not be read. */
    UNAVAILABLE("unavailable"),
    /** The plugin, but a dependent pinned another registry. */
    PINNED_ELSEWHERE("pinned-elsewhere");

    private final String wire;

    Offering(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * One registry consulted for one plugin.
   *
   * @param registry the registry's name
   * @param priority its priority
   * @param offering what it had
   * @param version the release it offered (the chosen one for the winner), or null
   * @param integrity that release's integrity, or null
   * @param detail more for people: versions on offer, the reason it is unavailable, content compared
   *     with the winner; or null
   */
  public record Consultation(String registry, int priority, Offering offering, String version, String integrity,
      String detail) {}

  /**
   * How one plugin was resolved.
   *
   * @param plugin the plugin name
   * @param constraints what it had to satisfy
   * @param consulted every registry, in the order consulted
   * @param winner the registry that won
   * @param version the version chosen
   * @param reason why the winner won
   * @param why the reason in words
   * @param conflict the conflict over it, or null when the sources agree (or there is one source)
   * @param policy the policy decision, or null until the caller attaches one
   */
  public record PluginTrace(String plugin, List<Constraint> constraints, List<Consultation> consulted, String winner,
      String version, ChoiceReason reason, String why, Conflict conflict, PolicyVerdict policy) {
    public PluginTrace {
      Objects.requireNonNull(plugin);
      constraints = List.copyOf(constraints);
      consulted = List.copyOf(consulted);
    }

    public PluginTrace withPolicy(PolicyVerdict verdict) {
      return new PluginTrace(plugin, constraints, consulted, winner, version, reason, why, conflict, verdict);
    }
  }

  /** This trace with {@code verdict} attached to {@code plugin} (unchanged when it is not in the trace). */
  public Trace withPolicy(String plugin, PolicyVerdict verdict) {
    List<PluginTrace> updated = new ArrayList<>(plugins.size());
    for (PluginTrace trace : plugins) {
      updated.add(trace.plugin().equals(plugin) ? trace.withPolicy(verdict) : trace);
    }
    return new Trace(registries, updated);
  }
}

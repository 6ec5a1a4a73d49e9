package dev.mp.install;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to install, after resolution and policy: the plugins to fetch and place, and what the user
 * asked for in this command.
 *
 * <p>{@code requested} is merged into the lockfile's {@code requested} under the project lock (a name
 * already there gets the new range), so two installs that run one after the other both keep their
 * names. Plugins already installed and not in {@code plugins} stay as they are, unless nothing
 * requested needs them any more (directly or through dependencies): those are removed, as npm prunes
 * extraneous packages.
 *
 * @param plugins the plugins to install or replace, dependencies included
 * @param requested what this command asked for: plugin name → range ({@code *} for any); empty for
 *     an install that only re-installs what is already requested
 * @param authorization credentials for fetching packages from registry servers
 * @param review what is asked about the staged plugins before the swap (their capabilities, the policy)
 */
public record InstallPlan(
    List<PlannedPlugin> plugins, SortedMap<String, String> requested, RegistryAuthorization authorization,
    StagedReview review) {
  public InstallPlan {
    plugins = List.copyOf(plugins);
    requested = Collections.unmodifiableSortedMap(new TreeMap<>(requested));
    Objects.requireNonNull(authorization);
    review = review == null ? StagedReview.TREE_ONLY : review;
    long distinct = plugins.stream().map(PlannedPlugin::name).distinct().count();
    if (distinct != plugins.size()) {
      throw new IllegalArgumentException("a plugin appears twice in the plan");
    }
  }

  /** A plan whose staged plugins are only read for their capabilities. */
  public InstallPlan(List<PlannedPlugin> plugins, SortedMap<String, String> requested,
      RegistryAuthorization authorization) {
    this(plugins, requested, authorization, StagedReview.TREE_ONLY);
  }

  public static InstallPlan of(List<PlannedPlugin> plugins, Map<String, String> requested) {
    return new InstallPlan(plugins, new TreeMap<>(requested), RegistryAuthorization.NONE);
  }
}

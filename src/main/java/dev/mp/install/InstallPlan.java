package dev.mp.install;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to install, after resolution and policy: the plugins to fetch and place, and the complete
 * {@code requested} map of the lockfile afterwards (what the user asked for: name → range).
 *
 * <p>Plugins already installed and not in {@code plugins} stay as they are, unless nothing in {@code
 * requested} needs them any more (directly or through dependencies): those are removed, as npm prunes
 * extraneous packages.
 *
 * @param plugins the plugins to install or replace, dependencies included
 * @param requested the lockfile's {@code requested} after the install (the old one plus the new names)
 * @param authorization credentials for fetching packages from registry servers
 */
public record InstallPlan(
    List<PlannedPlugin> plugins, SortedMap<String, String> requested, RegistryAuthorization authorization) {
  public InstallPlan {
    plugins = List.copyOf(plugins);
    requested = Collections.unmodifiableSortedMap(new TreeMap<>(requested));
    Objects.requireNonNull(authorization);
    long distinct = plugins.stream().map(PlannedPlugin::name).distinct().count();
    if (distinct != plugins.size()) {
      throw new IllegalArgumentException("a plugin appears twice in the plan");
    }
  }

  public static InstallPlan of(List<PlannedPlugin> plugins, Map<String, String> requested) {
    return new InstallPlan(plugins, new TreeMap<>(requested), RegistryAuthorization.NONE);
  }
}

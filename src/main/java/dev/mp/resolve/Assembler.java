package dev.mp.resolve;

import dev.mp.registry.LoadedRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns the assessed decisions into the {@link Resolution}: plugins, warnings and the trace. */
final class Assembler {
  /** By the plugin requiring it (the request first), then range, then registry (none first). */
  private static final Comparator<Constraint> CONSTRAINT_ORDER = new Comparator<>() {
    @Override
    public int compare(Constraint a, Constraint b) {
      int byRequirer = (a.requiredBy() == null ? "" : a.requiredBy()).compareTo(b.requiredBy() == null ? "" : b.requiredBy());
      if (byRequirer != 0) {
        return byRequirer;
      }
      int byRange = a.range().compareTo(b.range());
      if (byRange != 0) {
        return byRange;
      }
      return (a.registry() == null ? "" : a.registry()).compareTo(b.registry() == null ? "" : b.registry());
    }
  };

  private Assembler() {}

  static Resolution resolution(Catalog catalog, List<Assessment> assessments, List<Conflict> conflicts,
      Preferences preferences, boolean explain) {
    Map<String, Conflict> conflictByPlugin = new HashMap<>();
    for (Conflict conflict : conflicts) {
      conflictByPlugin.put(conflict.plugin(), conflict);
    }
    Map<String, Assessment> byName = new HashMap<>();
    List<ResolvedPlugin> plugins = new ArrayList<>(assessments.size());
    List<Trace.PluginTrace> traces = explain ? new ArrayList<>(assessments.size()) : null;
    for (Assessment assessment : assessments) {
      byName.put(assessment.node.name, assessment);
      ResolvedPlugin plugin = plugin(assessment);
      plugins.add(plugin);
      if (explain) {
        traces.add(new Trace.PluginTrace(plugin.name(), plugin.constraints(), assessment.consultations,
            plugin.registry(), plugin.version(), plugin.reason(), why(assessment),
            conflictByPlugin.get(plugin.name()), null));
      }
    }
    List<String> warnings = warnings(catalog, byName, preferences);
    Trace trace = explain ? new Trace(registryStates(catalog), traces) : null;
    return new Resolution(plugins, conflicts, warnings, trace);
  }

  private static ResolvedPlugin plugin(Assessment assessment) {
    Node node = assessment.node;
    Candidate chosen = assessment.chosen;
    List<Need> needs = node.needs;
    List<Constraint> constraints;
    List<String> requiredBy;
    if (needs.size() == 1) {
      Need need = needs.get(0);
      constraints = List.of(need.toConstraint());
      requiredBy = need.owner == null ? List.of() : List.of(need.owner.node.name);
    } else {
      Constraint[] all = new Constraint[needs.size()];
      TreeSet<String> dependents = new TreeSet<>();
      for (int i = 0; i < all.length; i++) {
        all[i] = needs.get(i).toConstraint();
        if (needs.get(i).owner != null) {
          dependents.add(needs.get(i).owner.node.name);
        }
      }
      java.util.Arrays.sort(all, CONSTRAINT_ORDER);
      constraints = List.of(all);
      requiredBy = List.copyOf(dependents);
    }
    return new ResolvedPlugin(node.name, chosen.registryName, chosen.release, chosen.entry.description(),
        chosen.entry.trustScore(), chosen.release.signedClaim() ? SignatureStatus.CLAIMED : SignatureStatus.UNSIGNED,
        assessment.reason, node.isRequested(), requiredBy, constraints, List.copyOf(assessment.alternatives));
  }

  private static String why(Assessment assessment) {
    String registry = "`" + assessment.chosen.registryName + "`";
    switch (assessment.reason) {
      case PRIORITY:
        return registry + " is the highest-priority registry offering `" + assessment.node.name + "`";
      case RANGE:
        return "higher-priority registries offer `" + assessment.node.name
            + "` but no release satisfying the constraints; " + registry + " is the first that does";
      case PREFER:
        return "chosen with `--prefer " + assessment.node.name + "=" + assessment.chosen.registryName + "`";
      case LOCKFILE:
        return "the lockfile's source for `" + assessment.node.name + "` (a choice made before)";
      case PROMPT:
        return "chosen at the prompt";
      case PIN:
        return "a dependent requires it from " + registry;
      default:
        throw new AssertionError(assessment.reason);
    }
  }

  /** Unavailable registries, then preferences and remembered sources that could not be honoured. */
  private static List<String> warnings(Catalog catalog, Map<String, Assessment> byName, Preferences preferences) {
    List<String> warnings = new ArrayList<>();
    for (Assessment assessment : new java.util.TreeMap<>(byName).values()) {
      Candidate chosen = assessment.chosen;
      if (chosen.release.yanked()) {
        String reason = chosen.release.details().yankedReason();
        warnings.add("`" + assessment.node.name + "` " + chosen.version + " is yanked in `" + chosen.registryName + "`"
            + (reason == null ? "" : " (" + reason + ")") + "; kept because `plugin-lock.json` pins it — `mp install "
            + assessment.node.name + "` moves to a release that is not yanked");
      }
    }
    for (LoadedRegistry registry : catalog.consulted) {
      if (!registry.available()) {
        warnings.add("registry `" + registry.name() + "` is unavailable and was skipped"
            + (registry.problem() == null ? "" : ": " + registry.problem()));
      }
    }
    for (Map.Entry<String, String> preference : preferences.explicit().entrySet()) {
      Assessment assessment = byName.get(preference.getKey());
      String flag = "`--prefer " + preference.getKey() + "=" + preference.getValue() + "` was not used: ";
      if (assessment == null) {
        warnings.add(flag + "`" + preference.getKey() + "` is not part of this resolution");
      } else if (!assessment.chosen.registryName.equals(preference.getValue())) {
        warnings.add(flag + unusable(catalog, assessment, preference.getValue()));
      }
    }
    for (Map.Entry<String, String> locked : preferences.locked().entrySet()) {
      Assessment assessment = byName.get(locked.getKey());
      if (assessment != null && !assessment.chosen.registryName.equals(locked.getValue())
          && assessment.reason != ChoiceReason.PREFER && assessment.reason != ChoiceReason.PROMPT) {
        warnings.add("the lockfile took `" + locked.getKey() + "` from `" + locked.getValue() + "`, but "
            + unusable(catalog, assessment, locked.getValue()));
      }
    }
    warnings.addAll(catalog.tagProblems);
    return warnings;
  }

  /** Why {@code registry} could not supply the plugin, ending with where it came from instead. */
  private static String unusable(Catalog catalog, Assessment assessment, String registry) {
    String plugin = "`" + assessment.node.name + "`";
    String instead = "; " + plugin + " comes from `" + assessment.chosen.registryName + "`";
    LoadedRegistry loaded = catalog.registry(registry);
    int r = catalog.position(registry);
    if (loaded == null) {
      return "`" + registry + "` is not configured or is disabled" + instead;
    }
    if (r < 0) {
      return "`" + registry + "` is unavailable" + instead;
    }
    if (assessment.pin != null && !assessment.pin.equals(registry)) {
      return "a dependent requires " + plugin + " from `" + assessment.pin + "`" + instead;
    }
    if (assessment.node.offerings.entry(r) == null) {
      return "`" + registry + "` does not offer " + plugin + instead;
    }
    return "`" + registry + "` has no release of " + plugin + " satisfying the constraints" + instead;
  }

  private static List<Trace.RegistryState> registryStates(Catalog catalog) {
    List<Trace.RegistryState> states = new ArrayList<>(catalog.consulted.size());
    for (LoadedRegistry registry : catalog.consulted) {
      states.add(new Trace.RegistryState(registry.name(), registry.spec().priority(), registry.state(),
          registry.ageSeconds(), registry.problem()));
    }
    return states;
  }
}

package dev.mp.resolve;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.LoadedRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A dead end met while solving, worded when it is met (the solver's state moves on), and turned into
 * the {@link MpException} the user sees when no alternative remains. Messages name the chain of
 * plugins that led to the problem ({@code app → gamma → delta}).
 */
final class Problem {
  private static final int MAX_OTHERS = 3;

  private final ErrorCode code;
  private final String message;
  private final List<String> hints;
  /** The plugin name to suggest close names for, when it was not found at all; else null. */
  private final String missing;
  private final List<Problem> others;

  private Problem(ErrorCode code, String message, List<String> hints, String missing, List<Problem> others) {
    this.code = code;
    this.message = message;
    this.hints = hints;
    this.missing = missing;
    this.others = others;
  }

  private static Problem of(ErrorCode code, String message, String... hints) {
    return new Problem(code, message, List.of(hints), null, List.of());
  }

  String message() {
    return message;
  }

  /** No eligible registry has a release of the plugin satisfying its constraints (or the plugin at all). */
  static Problem noRelease(Solver solver, Node node, String pin) {
    Catalog catalog = solver.catalog();
    boolean requestedOnly = node.needs.stream().allMatch(need -> need.owner == null);
    ErrorCode code = requestedOnly || node.needs.stream().anyMatch(need -> need.owner == null)
        ? ErrorCode.PLUGIN_NOT_FOUND : ErrorCode.DEPENDENCY_ERROR;
    String where = pin == null ? "any registry" : "registry `" + pin + "`";
    String available = available(catalog, node, pin);
    if (available.isEmpty()) {
      List<String> chain = solver.chain(node);
      String subject = chain.size() == 1 ? "plugin `" + node.name + "`" : "`" + String.join(" → ", chain) + "`:";
      List<String> hints = new ArrayList<>();
      if (pin != null) {
        hints.add("the dependency names `" + pin + "` as its registry (`marketplace`)");
      }
      hints.add(searched(catalog));
      return new Problem(code, subject + " not found in " + where, hints, node.name, List.of());
    }
    String yanked = yankedMatches(catalog, node, pin);
    String yankedNote = yanked.isEmpty() ? "" : "; yanked, so skipped: " + yanked;
    List<String> hints = new ArrayList<>();
    if (!yanked.isEmpty()) {
      hints.add("a yanked release is installed only where `plugin-lock.json` already pins it; ask for a release"
          + " that is not yanked");
    }
    hints.add("available: " + available);
    String tags = tagsHint(catalog, node, pin);
    if (tags != null) {
      hints.add(tags);
    }
    if (requestedOnly) {
      StringJoiner ranges = new StringJoiner("` and `", "`", "`");
      node.needs.forEach(need -> ranges.add(need.range.text()));
      return new Problem(ErrorCode.PLUGIN_NOT_FOUND,
          "no release of `" + node.name + "` in " + where + " satisfies " + ranges + yankedNote, hints, null, List.of());
    }
    return new Problem(ErrorCode.DEPENDENCY_ERROR, unsatisfiedMessage(solver, node, where) + (yanked.isEmpty() ? ""
        : "\n  yanked, so skipped: " + yanked), hints, null, List.of());
  }

  /** How a git source offers versions for a range, when an eligible registry has the plugin from git. */
  private static String tagsHint(Catalog catalog, Node node, String pin) {
    for (int r = 0; r < catalog.available.length; r++) {
      dev.mp.registry.PluginEntry entry = node.offerings.entry(r);
      if (entry != null && (pin == null || pin.equals(catalog.available[r].name()))
          && entry.latest().source() instanceof dev.mp.registry.PackageSource.Git) {
        return "`" + node.name + "` comes from a git repository, whose versions for a range are its `" + node.name
            + "--v<version>` tags (`claude plugin tag` creates them)";
      }
    }
    return null;
  }

  /**
   * {@code 1.2.0 in `team` (reason)}: the yanked releases that satisfy every constraint on the node, in
   * the eligible registries; "" when none.
   */
  private static String yankedMatches(Catalog catalog, Node node, String pin) {
    StringJoiner out = new StringJoiner(", ");
    for (int r = 0; r < catalog.available.length; r++) {
      if (pin != null && !pin.equals(catalog.available[r].name())) {
        continue;
      }
      for (Candidate candidate : node.offerings.candidates(r)) {
        if (!candidate.eligible && node.accepts(candidate)) {
          String reason = candidate.release.details().yankedReason();
          out.add(candidate.version + " in `" + catalog.available[r].name() + "`" + (reason == null ? "" : " (" + reason + ")"));
        }
      }
    }
    return out.toString();
  }

  /** A decided plugin does not satisfy a constraint added after it was decided. */
  static Problem unsatisfiable(Solver solver, Node node, Need added, Candidate decided) {
    Catalog catalog = solver.catalog();
    String pin = added.pin;
    String where = pin == null ? "any registry" : "registry `" + pin + "`";
    return of(ErrorCode.DEPENDENCY_ERROR, unsatisfiedMessage(solver, node, where),
        "`" + node.name + "` " + decided.version + " from `" + decided.registryName + "` satisfies the others; available: "
            + available(catalog, node, pin));
  }

  static Problem pinConflict(Solver solver, Node node, Need first, Need second) {
    return of(ErrorCode.DEPENDENCY_ERROR, "`" + node.name + "` must come from two registries: `" + first.pin + "` for `"
        + String.join(" → ", solver.chain(first.owner.node)) + "` and `" + second.pin + "` for `"
        + String.join(" → ", solver.chain(second.owner.node)) + "`",
        "a registry pin (`marketplace`) is a requirement; the two dependents cannot be installed together");
  }

  /** The pinned registry is not configured and enabled, or is unavailable. */
  static Problem pinMissing(Solver solver, Node node, Need pinnedBy, LoadedRegistry registry) {
    String chain = "`" + String.join(" → ", solver.chain(pinnedBy.owner.node)) + " → " + node.name + "`";
    if (registry == null) {
      return of(ErrorCode.DEPENDENCY_ERROR, chain + ": must come from registry `" + pinnedBy.pin
          + "`, which is not configured or is disabled",
          "the dependency names `" + pinnedBy.pin + "` as its registry (`marketplace`); add it with `mp registry add "
              + pinnedBy.pin + " URL`");
    }
    return of(ErrorCode.DEPENDENCY_ERROR, chain + ": must come from registry `" + pinnedBy.pin + "`, which is unavailable"
        + (registry.problem() == null ? "" : ": " + registry.problem()),
        "check it with `mp registry test " + pinnedBy.pin + "`");
  }

  static Problem invalidRange(List<String> chain, Candidate candidate, DependencySpec dependency, String reason) {
    return of(ErrorCode.DEPENDENCY_ERROR, "`" + String.join(" → ", chain) + "`: " + candidate.entry.name() + " "
        + candidate.version + " from `" + candidate.registryName + "` has an invalid range for its dependency `"
        + dependency.name() + "`: " + reason,
        "the registry `" + candidate.registryName + "` publishes this dependency; ask its maintainers to fix it");
  }

  static Problem gaveUp(int attempts, Problem first) {
    return of(ErrorCode.DEPENDENCY_ERROR, "dependency resolution gave up after " + attempts + " attempts",
        first == null ? "narrow the requested ranges" : "the first problem met: " + first.message);
  }

  static Problem cycle(List<String> cycle, List<String> reachedFrom) {
    List<String> hints = new ArrayList<>();
    if (!reachedFrom.isEmpty()) {
      hints.add("reached from `" + String.join(" → ", reachedFrom) + "`");
    }
    hints.add("plugins cannot depend on themselves, directly or through others");
    return new Problem(ErrorCode.DEPENDENCY_ERROR, "dependency cycle: `" + String.join(" → ", cycle) + "`", hints,
        null, List.of());
  }

  /** The first problem of a decision whose every candidate failed, with the others as hints. */
  static Problem firstOf(List<Problem> problems) {
    if (problems.isEmpty()) {
      return of(ErrorCode.DEPENDENCY_ERROR, "no candidate remained");
    }
    Problem first = problems.get(0);
    return problems.size() == 1 ? first
        : new Problem(first.code, first.message, first.hints, first.missing, problems.subList(1, problems.size()));
  }

  MpException toException(Catalog catalog) {
    List<String> allHints = new ArrayList<>();
    if (missing != null) {
      List<String> close = Suggestions.closeNames(catalog, missing);
      if (!close.isEmpty()) {
        allHints.add("did you mean " + String.join(" or ", close.stream().map(n -> "`" + n + "`").toList()) + "?");
      }
    }
    allHints.addAll(hints);
    Set<String> seen = new LinkedHashSet<>();
    for (Problem other : others) {
      if (!other.message.equals(message) && seen.size() < MAX_OTHERS) {
        seen.add(other.message);
      }
    }
    seen.forEach(other -> allHints.add("also tried: " + other.replace("\n", "\n  ")));
    return new MpException(code, message, allHints, null);
  }

  private static String unsatisfiedMessage(Solver solver, Node node, String where) {
    StringBuilder text = new StringBuilder("no release of `").append(node.name).append("` in ").append(where)
        .append(" satisfies every constraint:");
    for (Need need : node.needs) {
      text.append("\n  `").append(node.name).append('@').append(need.range.text()).append('`');
      if (need.owner == null) {
        text.append(" requested");
      } else {
        text.append(" required by `").append(String.join(" → ", solver.chain(need.owner.node))).append("` ")
            .append(need.owner.current.version);
      }
      if (need.pin != null) {
        text.append(" (from `").append(need.pin).append("`)");
      }
    }
    return text.toString();
  }

  /** {@code `team`: 1.2.0, 1.0.0; `local`: 0.9.0}: what the eligible registries have, or "" when none has the plugin. */
  private static String available(Catalog catalog, Node node, String pin) {
    StringJoiner out = new StringJoiner("; ");
    for (int r = 0; r < catalog.available.length; r++) {
      if (pin != null && !pin.equals(catalog.available[r].name())) {
        continue;
      }
      Candidate[] candidates = node.offerings.candidates(r);
      if (candidates.length > 0) {
        StringJoiner versions = new StringJoiner(", ");
        for (int i = 0; i < candidates.length && i < 5; i++) {
          versions.add(candidates[i].version.text() + (candidates[i].eligible ? "" : " (yanked)"));
        }
        if (candidates.length > 5) {
          versions.add("… " + (candidates.length - 5) + " more");
        }
        out.add("`" + catalog.available[r].name() + "`: " + versions);
      }
    }
    return out.toString();
  }

  private static String searched(Catalog catalog) {
    StringJoiner consulted = new StringJoiner(", ");
    StringJoiner unavailable = new StringJoiner(", ");
    for (LoadedRegistry registry : catalog.consulted) {
      (registry.available() ? consulted : unavailable).add("`" + registry.name() + "`");
    }
    return "registries searched: " + (consulted.length() == 0 ? "none" : consulted.toString())
        + (unavailable.length() == 0 ? "" : "; unavailable: " + unavailable);
  }
}

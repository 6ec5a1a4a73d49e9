package dev.mp.resolve;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.audit.AuditLog;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.ProjectLayout;
import dev.mp.io.EditDistance;
import dev.mp.io.SafeUrl;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.VersionTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves plugin names across registries (DESIGN.md §3): registries are consulted in priority order
 * (ties by name; the input order never matters), unavailable ones skipped; a plugin comes from the
 * highest-priority registry with a release satisfying every constraint on it — unless {@code --prefer},
 * the lockfile's remembered source, the conflict prompt or a dependency's registry pin chose another —
 * and within that registry the highest satisfying release wins. Dependencies are resolved transitively
 * into one consistent set (see {@link Solver}). Registries that would supply different content are a
 * {@link Conflict}, settled by the request's {@link ConflictStrategy} and appended to the audit trail.
 *
 * <p>Pure with respect to its inputs, the audit trail, the terminal and the git release tags it asks
 * {@link VersionTags} for (only for ranges on git-sourced plugins): the same registries, tags and
 * request give the same {@link Resolution}. Lookups are by name only, so the cost follows the requested set,
 * not the size of the indexes. Not thread-safe; cheap to create, one per operation.
 */
public final class RegistryResolver {
  private final RegistrySet registries;
  private final Context context;
  private final AuditLog audit;
  private final VersionTags tags;

  /** A resolver writing conflicts to the project's {@code .claude/federation-audit.jsonl}. */
  public RegistryResolver(RegistrySet registries, Context context) {
    this(registries, context, new AuditLog(context.projectDir().resolve(ProjectLayout.AUDIT_FILE), context.clock()));
  }

  public RegistryResolver(RegistrySet registries, Context context, AuditLog audit) {
    this(registries, context, audit, VersionTags.NONE);
  }

  /**
   * A resolver that also offers the {@code <name>--v<version>} tags of git sources, listed through
   * {@code tags}, when a range other than {@code *} asks for such a plugin.
   */
  public RegistryResolver(RegistrySet registries, Context context, AuditLog audit, VersionTags tags) {
    this.registries = registries;
    this.context = context;
    this.audit = audit;
    this.tags = tags;
  }

  /**
   * Resolves the request.
   *
   * @throws MpException {@code NO_REGISTRIES} or {@code ALL_REGISTRIES_UNAVAILABLE} when no registry
   *     can answer; {@code USAGE_ERROR} for a malformed spec or range, or a preference naming a registry
   *     that is not configured and enabled; {@code PLUGIN_NOT_FOUND} when a requested plugin (or a
   *     release satisfying its range) is in no registry; {@code DEPENDENCY_ERROR} for a missing
   *     dependency, an unsatisfiable set of constraints, a cycle or a bad registry pin, naming the chain
   *     of plugins; {@code UNRESOLVED_CONFLICT} when registries conflict and the strategy ({@code error},
   *     or {@code prompt} without a terminal) leaves it to the user; {@code IO_ERROR} when the audit
   *     trail cannot be written
   */
  public Resolution resolve(ResolveRequest request) {
    List<LoadedRegistry> enabled = new ArrayList<>(registries.registries().size());
    for (LoadedRegistry registry : registries.registries()) {
      if (registry.spec().enabled()) {
        enabled.add(registry);
      }
    }
    new RegistrySet(enabled).requireAvailable();
    Catalog catalog = new Catalog(enabled, tags, request.lockedVersions(), request.lockedSources());
    List<Solver.Root> roots = roots(request.specs());
    validatePreferences(catalog, request.preferences());
    Preferences preferences = new Preferences(request.preferences(), request.lockedSources());
    boolean asking = request.strategy() == ConflictStrategy.PROMPT && context.terminal().interactive();
    while (true) {
      Solver solver = new Solver(catalog, preferences);
      List<Node> decided = solver.solve(roots);
      Problem cycle = Cycles.find(decided);
      if (cycle != null) {
        throw cycle.toException(catalog);
      }
      List<Assessment> assessments = new ArrayList<>(decided.size());
      for (Node node : decided) {
        assessments.add(new Assessment(solver, node, request.strategy(), request.explain()));
      }
      if (asking && ask(assessments, preferences)) {
        continue;
      }
      return finish(request, catalog, assessments, preferences);
    }
  }

  private Resolution finish(ResolveRequest request, Catalog catalog, List<Assessment> assessments,
      Preferences preferences) {
    List<Conflict> conflicts = new ArrayList<>();
    List<Conflict> unresolved = new ArrayList<>();
    for (Assessment assessment : assessments) {
      if (assessment.conflict == null) {
        continue;
      }
      Conflict conflict = assessment.conflict;
      if (assessment.reason.isExplicit()) {
        conflict = conflict.resolvedAs(assessment.chosen.registryName, assessment.reason);
      } else if (request.strategy() == ConflictStrategy.HIGHEST_PRIORITY) {
        conflict = conflict.resolvedAs(assessment.chosen.registryName, ChoiceReason.PRIORITY);
      } else {
        unresolved.add(conflict);
      }
      conflicts.add(conflict);
    }
    if (request.audit()) {
      ConflictAudit.append(audit, conflicts, context.projectDir());
    }
    if (!unresolved.isEmpty()) {
      throw unresolvedConflicts(unresolved, request.strategy());
    }
    return Assembler.resolution(catalog, assessments, conflicts, preferences, request.explain());
  }

  /** Asks about each conflict nobody has settled; true when anything was asked (the caller resolves again). */
  private boolean ask(List<Assessment> assessments, Preferences preferences) {
    boolean asked = false;
    for (Assessment assessment : assessments) {
      Conflict conflict = assessment.conflict;
      if (conflict == null || assessment.reason.isExplicit() || preferences.answered(conflict.plugin())) {
        continue;
      }
      List<String> choices = new ArrayList<>();
      for (Offer source : conflict.sources()) {
        choices.add(source.registry() + ": " + conflict.plugin() + " " + source.describe() + " ("
            + SafeUrl.redact(source.source().resolved(context.projectDir())) + ")");
      }
      String question = "`" + conflict.plugin() + "` is offered by " + conflict.sources().size() + " registries with "
          + (conflict.unverifiable() ? "content that cannot be proven the same" : "different content")
          + "; which should be used?";
      int picked = context.terminal().choose(question, choices);
      if (picked < 0 || picked >= choices.size()) {
        throw MpException.usage("no valid choice was made for `" + conflict.plugin() + "`",
            "choose with `--prefer " + conflict.plugin() + "=REGISTRY`");
      }
      preferences.answer(conflict.plugin(), conflict.sources().get(picked).registry());
      asked = true;
    }
    return asked;
  }

  private static MpException unresolvedConflicts(List<Conflict> conflicts, ConflictStrategy strategy) {
    StringBuilder message = new StringBuilder();
    if (conflicts.size() == 1) {
      Conflict conflict = conflicts.get(0);
      message.append('`').append(conflict.plugin()).append("` is offered with ")
          .append(conflict.unverifiable() ? "content that cannot be proven the same" : "different content")
          .append(" by ").append(conflict.sources().size()).append(" registries:");
    } else {
      message.append(conflicts.size()).append(" plugins are offered with different content by several registries:");
    }
    List<String> hints = new ArrayList<>();
    for (Conflict conflict : conflicts) {
      String indent = conflicts.size() == 1 ? "  " : "    ";
      if (conflicts.size() > 1) {
        message.append("\n  `").append(conflict.plugin()).append('`')
            .append(conflict.unverifiable() ? " (integrity unknown, not provably the same):" : ":");
      }
      for (Offer source : conflict.sources()) {
        message.append('\n').append(indent).append('`').append(source.registry()).append("` (priority ")
            .append(source.priority()).append("): ").append(source.describe());
      }
      hints.add("choose with " + conflict.sources().stream()
          .map(source -> "`--prefer " + conflict.plugin() + "=" + source.registry() + "`")
          .collect(Collectors.joining(" or ")));
    }
    if (strategy == ConflictStrategy.PROMPT) {
      hints.add("the `prompt` strategy asks only on an interactive terminal; there is none here");
    } else {
      hints.add("or take the highest-priority registry by setting `defaults.conflictResolution` to `highest-priority`");
    }
    return new MpException(ErrorCode.UNRESOLVED_CONFLICT, message.toString(), hints, null);
  }

  /** The requested specs, sorted by name then range, so the request's order never matters. */
  private static List<Solver.Root> roots(List<String> specs) {
    List<Solver.Root> roots = new ArrayList<>(specs.size());
    Map<String, VersionRange> parsed = new java.util.HashMap<>();
    for (String spec : specs) {
      DependencySpec dependency = DependencySpec.parse(spec);
      String name = dependency.name();
      if (!isPluginName(name)) {
        throw MpException.usage("`" + spec + "` is not a plugin name", "write `NAME` or `NAME@RANGE`, e.g. `gamma@^1.2`");
      }
      VersionRange range = parsed.get(dependency.range());
      try {
        if (range == null) {
          range = VersionRange.parse(dependency.range());
          parsed.put(dependency.range(), range);
        }
      } catch (MpException invalid) {
        throw MpException.usage("`" + spec + "`: " + invalid.getMessage(), invalid.hints().toArray(new String[0]));
      }
      roots.add(new Solver.Root(name, range));
    }
    roots.sort(new java.util.Comparator<Solver.Root>() {
      @Override
      public int compare(Solver.Root a, Solver.Root b) {
        int byName = a.name().compareTo(b.name());
        return byName != 0 ? byName : a.range().text().compareTo(b.range().text());
      }
    });
    return roots;
  }

  private static boolean isPluginName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == '@') {
        return false;
      }
    }
    return true;
  }

  private static void validatePreferences(Catalog catalog, Map<String, String> preferences) {
    for (Map.Entry<String, String> preference : preferences.entrySet()) {
      String registry = preference.getValue();
      if (catalog.registry(registry) == null) {
        List<String> names = catalog.consulted.stream().map(LoadedRegistry::name).sorted().toList();
        String close = EditDistance.closest(registry, names);
        List<String> hints = new ArrayList<>();
        if (close != null) {
          hints.add("did you mean `" + close + "`?");
        }
        hints.add("`mp registry list` shows the registries; enabled ones: "
            + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")));
        throw new MpException(ErrorCode.USAGE_ERROR, "`--prefer " + preference.getKey() + "=" + registry
            + "`: no registry `" + registry + "` is configured and enabled", hints, null);
      }
    }
  }
}

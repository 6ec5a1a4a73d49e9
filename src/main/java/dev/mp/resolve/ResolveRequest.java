package dev.mp.resolve;

import dev.mp.MpException;
import dev.mp.config.ConflictStrategy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to resolve and how. Immutable: the collections are copied (maps sorted); none of the
 * components may be null.
 *
 * @param specs the plugins asked for, {@code NAME} or {@code NAME@RANGE} (npm-style range), as typed
 * @param preferences plugin → registry to take it from ({@code --prefer NAME=REGISTRY}); applies under
 *     every strategy and wins over {@code lockedSources}
 * @param lockedSources plugin → registry it was taken from last time (the lockfile's {@code source}),
 *     honoured like a preference while that registry still offers a satisfying release, so a conflict
 *     answered once is not asked again and CI resolves the same way
 * @param lockedVersions plugin → version the lockfile pins it at: that release stays eligible when its
 *     registry has yanked it (cargo's semantics), every other yanked release is skipped
 * @param strategy what to do with conflicts no preference settles ({@code defaults.conflictResolution})
 * @param explain build the {@link Trace} of the resolution
 * @param audit append each conflict and its resolution to the audit trail
 */
public record ResolveRequest(
    List<String> specs,
    Map<String, String> preferences,
    Map<String, String> lockedSources,
    Map<String, String> lockedVersions,
    ConflictStrategy strategy,
    boolean explain,
    boolean audit) {
  public ResolveRequest {
    specs = List.copyOf(specs);
    preferences = Collections.unmodifiableMap(new TreeMap<>(preferences));
    lockedSources = Collections.unmodifiableMap(new TreeMap<>(lockedSources));
    lockedVersions = Collections.unmodifiableMap(new TreeMap<>(lockedVersions));
    Objects.requireNonNull(strategy);
  }

  /** Resolves {@code specs} with the default strategy ({@code highest-priority}), auditing, no trace. */
  public static ResolveRequest of(List<String> specs) {
    return new ResolveRequest(specs, Map.of(), Map.of(), Map.of(), ConflictStrategy.HIGHEST_PRIORITY, false, true);
  }

  public ResolveRequest withStrategy(ConflictStrategy value) {
    return new ResolveRequest(specs, preferences, lockedSources, lockedVersions, value, explain, audit);
  }

  public ResolveRequest withPreferences(Map<String, String> value) {
    return new ResolveRequest(specs, value, lockedSources, lockedVersions, strategy, explain, audit);
  }

  public ResolveRequest withLockedSources(Map<String, String> value) {
    return new ResolveRequest(specs, preferences, value, lockedVersions, strategy, explain, audit);
  }

  public ResolveRequest withLockedVersions(Map<String, String> value) {
    return new ResolveRequest(specs, preferences, lockedSources, value, strategy, explain, audit);
  }

  public ResolveRequest withExplain(boolean value) {
    return new ResolveRequest(specs, preferences, lockedSources, lockedVersions, strategy, value, audit);
  }

  public ResolveRequest withAudit(boolean value) {
    return new ResolveRequest(specs, preferences, lockedSources, lockedVersions, strategy, explain, value);
  }

  /**
   * Reads {@code --prefer} values, {@code NAME=REGISTRY} each. Whether the registry exists is checked
   * by {@link RegistryResolver#resolve}.
   *
   * @throws MpException {@code USAGE_ERROR} for a value without {@code =}, or a plugin preferred from
   *     two different registries
   */
  public static Map<String, String> parsePreferences(List<String> values) {
    TreeMap<String, String> preferences = new TreeMap<>();
    for (String value : values) {
      int equals = value.indexOf('=');
      String plugin = equals < 0 ? "" : value.substring(0, equals).trim();
      String registry = equals < 0 ? "" : value.substring(equals + 1).trim();
      if (plugin.isEmpty() || registry.isEmpty()) {
        throw MpException.usage("`--prefer " + value + "`: expected `NAME=REGISTRY`",
            "for example `--prefer gamma=team` takes `gamma` from the registry `team`");
      }
      String previous = preferences.putIfAbsent(plugin, registry);
      if (previous != null && !previous.equals(registry)) {
        throw MpException.usage("`--prefer` names two registries for `" + plugin + "`: `" + previous + "` and `"
            + registry + "`", "give one `--prefer " + plugin + "=REGISTRY`");
      }
    }
    return preferences;
  }
}

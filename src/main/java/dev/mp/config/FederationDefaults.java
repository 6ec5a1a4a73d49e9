package dev.mp.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code defaults} object of {@code registries.json}.
 *
 * @param cacheTtlSeconds how long a fetched index is used without asking the registry again
 * @param conflictResolution the strategy for conflicts
 * @param installDir where plugins are installed, relative to the project root; null for the default
 *     {@code .claude/plugins} (kept null so that saving does not add a field the user never wrote)
 * @param marketplaceName the name of the marketplace mp generates in the install folder; null for the
 *     default derived from the project folder ({@link MarketplaceNames#derive})
 * @param claudeSettings whether installs keep {@code .claude/settings.json} in step; null for the default
 *     (yes)
 * @param extra unknown fields, kept
 */
public record FederationDefaults(
    long cacheTtlSeconds,
    ConflictStrategy conflictResolution,
    String installDir,
    String marketplaceName,
    Boolean claudeSettings,
    Map<String, JsonNode> extra) {

  public static final long DEFAULT_CACHE_TTL = 3600;
  public static final String DEFAULT_INSTALL_DIR = ".claude/plugins";

  public static final FederationDefaults DEFAULT =
      new FederationDefaults(DEFAULT_CACHE_TTL, ConflictStrategy.HIGHEST_PRIORITY, null, null, null, Map.of());

  public FederationDefaults {
    Objects.requireNonNull(conflictResolution);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** Defaults without the Claude Code fields (set later with {@link #withClaudeCode}). */
  public FederationDefaults(long cacheTtlSeconds, ConflictStrategy conflictResolution, String installDir,
      Map<String, JsonNode> extra) {
    this(cacheTtlSeconds, conflictResolution, installDir, null, null, extra);
  }

  public FederationDefaults withClaudeCode(String marketplaceName, Boolean claudeSettings) {
    return new FederationDefaults(cacheTtlSeconds, conflictResolution, installDir, marketplaceName, claudeSettings,
        extra);
  }

  /** The generated marketplace's name for the project at {@code projectRoot}. */
  public String effectiveMarketplaceName(java.nio.file.Path projectRoot) {
    return marketplaceName == null ? MarketplaceNames.derive(projectRoot) : marketplaceName;
  }

  /** True unless {@code claudeSettings} is {@code false}. */
  public boolean writesClaudeSettings() {
    return !Boolean.FALSE.equals(claudeSettings);
  }

  /** The install folder, relative to the project root. */
  public String effectiveInstallDir() {
    return installDir == null ? DEFAULT_INSTALL_DIR : installDir;
  }
}

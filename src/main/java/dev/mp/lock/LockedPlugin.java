package dev.mp.lock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.capability.Capabilities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One plugin pinned by the lockfile.
 *
 * @param version the exact version installed
 * @param integrity {@code sha512-...} of the plugin's canonical tree
 * @param source the registry it was resolved from (also the remembered choice when registries conflict)
 * @param resolved where its package came from ({@code ./plugins/alpha}, an archive URL, {@code git+...})
 * @param dependencies names of the plugins it depends on, sorted
 * @param archiveIntegrity SRI of the archive bytes when the package was an archive with one, or null
 * @param signed true when its signature verified under the registry's keys; null when not verified
 * @param signedClaim true when it was installed from a registry without keys whose index claimed it
 *     signed (DESIGN.md §4: the claim then counts as signed); null otherwise, and always when {@code
 *     signed}
 * @param trustScore the registry's trust score when it gave one, or null
 * @param marketplaceEntry what the plugin's entry in the generated marketplace carries besides name,
 *     source, version and description (its source entry's component fields, {@code strict}, ...,
 *     dependencies in object form), as canonical JSON text; null when nothing
 * @param extra fields this mp does not know, kept
 * @param capabilities what the plugin can do (from its installed tree and its marketplace entry), or
 *     null when the lockfile does not record it (written by an mp that predates capabilities)
 */
public record LockedPlugin(
    String version,
    String integrity,
    String source,
    String resolved,
    List<String> dependencies,
    String archiveIntegrity,
    Boolean signed,
    Boolean signedClaim,
    Integer trustScore,
    String marketplaceEntry,
    Map<String, JsonNode> extra,
    Capabilities capabilities) {
  public LockedPlugin {
    Objects.requireNonNull(version);
    Objects.requireNonNull(integrity);
    Objects.requireNonNull(source);
    Objects.requireNonNull(resolved);
    List<String> sorted = new ArrayList<>(dependencies);
    Collections.sort(sorted);
    dependencies = List.copyOf(sorted);
    signed = Boolean.TRUE.equals(signed) ? Boolean.TRUE : null;
    signedClaim = signed == null && Boolean.TRUE.equals(signedClaim) ? Boolean.TRUE : null;
    extra = Collections.unmodifiableMap(new TreeMap<>(extra));
  }

  /** A plugin whose capabilities are not recorded. */
  public LockedPlugin(String version, String integrity, String source, String resolved, List<String> dependencies,
      String archiveIntegrity, Boolean signed, Boolean signedClaim, Integer trustScore, String marketplaceEntry,
      Map<String, JsonNode> extra) {
    this(version, integrity, source, resolved, dependencies, archiveIntegrity, signed, signedClaim, trustScore,
        marketplaceEntry, extra, null);
  }

  /** A plugin whose marketplace entry has nothing beyond name, source, version and description. */
  public LockedPlugin(String version, String integrity, String source, String resolved, List<String> dependencies,
      String archiveIntegrity, Boolean signed, Boolean signedClaim, Integer trustScore, Map<String, JsonNode> extra,
      Capabilities capabilities) {
    this(version, integrity, source, resolved, dependencies, archiveIntegrity, signed, signedClaim, trustScore, null,
        extra, capabilities);
  }

  /** A plugin with neither marketplace entry fields nor recorded capabilities. */
  public LockedPlugin(String version, String integrity, String source, String resolved, List<String> dependencies,
      String archiveIntegrity, Boolean signed, Boolean signedClaim, Integer trustScore, Map<String, JsonNode> extra) {
    this(version, integrity, source, resolved, dependencies, archiveIntegrity, signed, signedClaim, trustScore, null,
        extra, null);
  }

  /** A plugin without a signature claim. */
  public LockedPlugin(String version, String integrity, String source, String resolved, List<String> dependencies,
      String archiveIntegrity, Boolean signed, Integer trustScore, Map<String, JsonNode> extra) {
    this(version, integrity, source, resolved, dependencies, archiveIntegrity, signed, null, trustScore, null, extra,
        null);
  }

  public static LockedPlugin of(String version, String integrity, String source, String resolved, List<String> dependencies) {
    return new LockedPlugin(version, integrity, source, resolved, dependencies, null, null, null, Map.of());
  }

  public boolean isSigned() {
    return Boolean.TRUE.equals(signed);
  }

  /** True when the lockfile records the index's claim that it is signed (see {@code signedClaim}). */
  public boolean isClaimedSigned() {
    return Boolean.TRUE.equals(signedClaim);
  }

  /** This plugin with {@code value} as its capabilities. */
  public LockedPlugin withCapabilities(Capabilities value) {
    return new LockedPlugin(version, integrity, source, resolved, dependencies, archiveIntegrity, signed, signedClaim,
        trustScore, marketplaceEntry, extra, value);
  }
}

package dev.mp.install;

import dev.mp.capability.Capabilities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A plugin as mp installed it: what the lockfile records for it, plus its description (for the
 * marketplace listing) and the canonical listing of its files at install time (so drift can name the
 * files that changed).
 *
 * @param version the installed version
 * @param integrity the {@code sha512-...} tree hash of what was placed
 * @param registry the registry it came from
 * @param registryLocation that registry's location, never with credentials
 * @param resolved where its package came from (the lockfile's {@code resolved})
 * @param dependencies names of the plugins it depends on, sorted
 * @param archiveIntegrity SRI of the archive bytes, or null
 * @param signed true when its signature verified
 * @param signedClaim true when its registry lists no keys and the index claimed it signed
 * @param trustScore the registry's trust score, or null
 * @param description one line for people, or null
 * @param files the canonical lines of {@code TreeHash} ({@code file 644 <sha256> <path>}, without the
 *     newline), sorted; empty when unknown
 * @param marketplaceEntry what its generated marketplace entry carries besides name, source, version and
 *     description ({@link MarketplaceEntry}), or null
 * @param capabilities what it can do, from its installed tree and its marketplace entry, or null when
 *     unknown (installed by an mp that predates capabilities)
 */
public record InstalledPlugin(
    String version,
    String integrity,
    String registry,
    String registryLocation,
    String resolved,
    List<String> dependencies,
    String archiveIntegrity,
    boolean signed,
    boolean signedClaim,
    Integer trustScore,
    String description,
    List<String> files,
    String marketplaceEntry,
    Capabilities capabilities) {
  public InstalledPlugin {
    Objects.requireNonNull(version);
    Objects.requireNonNull(integrity);
    Objects.requireNonNull(registry);
    Objects.requireNonNull(registryLocation);
    Objects.requireNonNull(resolved);
    dependencies = Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(dependencies)));
    files = List.copyOf(files);
    signedClaim = signedClaim && !signed;
  }

  /** A plugin whose capabilities are unknown. */
  public InstalledPlugin(String version, String integrity, String registry, String registryLocation, String resolved,
      List<String> dependencies, String archiveIntegrity, boolean signed, boolean signedClaim, Integer trustScore,
      String description, List<String> files, String marketplaceEntry) {
    this(version, integrity, registry, registryLocation, resolved, dependencies, archiveIntegrity, signed, signedClaim,
        trustScore, description, files, marketplaceEntry, null);
  }

  /** A plugin with neither marketplace entry fields nor known capabilities. */
  public InstalledPlugin(String version, String integrity, String registry, String registryLocation, String resolved,
      List<String> dependencies, String archiveIntegrity, boolean signed, boolean signedClaim, Integer trustScore,
      String description, List<String> files) {
    this(version, integrity, registry, registryLocation, resolved, dependencies, archiveIntegrity, signed, signedClaim,
        trustScore, description, files, null, null);
  }

  /** A plugin without a signature claim. */
  public InstalledPlugin(String version, String integrity, String registry, String registryLocation, String resolved,
      List<String> dependencies, String archiveIntegrity, boolean signed, Integer trustScore, String description,
      List<String> files) {
    this(version, integrity, registry, registryLocation, resolved, dependencies, archiveIntegrity, signed, false,
        trustScore, description, files, null, null);
  }
}

package dev.mp.install;

import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One plugin to install, as resolution and policy decided it.
 *
 * @param name the plugin name, one Claude Code installs ({@link PluginNames#isInstallable})
 * @param version the exact version
 * @param registry the registry it was resolved from
 * @param registryLocation that registry's location as the lockfile shows it (never with credentials)
 * @param source where its package is
 * @param integrity the expected {@code sha512-...} tree hash, or null when the registry does not know
 *     it (git and URL sources of marketplaces): the computed one is then recorded, and later installs
 *     from the lockfile must match it
 * @param archiveIntegrity SRI of the archive bytes, checked before extraction, or null
 * @param dependencies names of the plugins it depends on
 * @param signed true when its signature verified under the registry's keys
 * @param signedClaim true when its registry lists no keys and the index claims it is signed (never
 *     together with {@code signed})
 * @param trustScore the registry's trust score, or null
 * @param description one line for the marketplace listing, or null
 * @param marketplaceEntry what the generated marketplace entry carries besides name, source, version and
 *     description, as one line of canonical JSON ({@link MarketplaceEntry}), or null
 * @param versionFromPackage true when the installed version is settled from the fetched package as
 *     Claude Code settles it: the package's own {@code plugin.json} {@code version}, else {@code
 *     version}, which when it is {@link dev.mp.registry.ClaudeVersions#UNKNOWN} becomes the fetched
 *     commit (git) or archive digest; false to keep {@code version} as given ({@code lock install})
 */
public record PlannedPlugin(
    String name,
    String version,
    String registry,
    String registryLocation,
    PackageSource source,
    String integrity,
    String archiveIntegrity,
    List<String> dependencies,
    boolean signed,
    boolean signedClaim,
    Integer trustScore,
    String description,
    String marketplaceEntry,
    boolean versionFromPackage) {
  public PlannedPlugin {
    Objects.requireNonNull(name);
    Objects.requireNonNull(version);
    Objects.requireNonNull(registry);
    Objects.requireNonNull(registryLocation);
    Objects.requireNonNull(source);
    // Locations end up in the lockfile and in messages: never with credentials.
    registryLocation = dev.mp.io.SafeUrl.isHttp(registryLocation) ? dev.mp.io.SafeUrl.redact(registryLocation) : registryLocation;
    if (!PluginNames.isInstallable(name)) {
      throw new IllegalArgumentException(PluginNames.installProblem(name));
    }
    List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(dependencies));
    dependencies = Collections.unmodifiableList(sorted);
    signedClaim = signedClaim && !signed;
  }

  /** A plugin whose version is kept as given and whose entry has nothing beyond name, source, version, description. */
  public PlannedPlugin(String name, String version, String registry, String registryLocation, PackageSource source,
      String integrity, String archiveIntegrity, List<String> dependencies, boolean signed, boolean signedClaim,
      Integer trustScore, String description) {
    this(name, version, registry, registryLocation, source, integrity, archiveIntegrity, dependencies, signed,
        signedClaim, trustScore, description, null, false);
  }

  /** A plugin without a signature claim (verified or not signed). */
  public PlannedPlugin(String name, String version, String registry, String registryLocation, PackageSource source,
      String integrity, String archiveIntegrity, List<String> dependencies, boolean signed, Integer trustScore,
      String description) {
    this(name, version, registry, registryLocation, source, integrity, archiveIntegrity, dependencies, signed, false,
        trustScore, description, null, false);
  }

  /** This plan with the version settled from the fetched package (see {@code versionFromPackage}). */
  public PlannedPlugin withVersionFromPackage() {
    return new PlannedPlugin(name, version, registry, registryLocation, source, integrity, archiveIntegrity,
        dependencies, signed, signedClaim, trustScore, description, marketplaceEntry, true);
  }

  /** This plan with the marketplace entry fields given. */
  public PlannedPlugin withMarketplaceEntry(String entry) {
    return new PlannedPlugin(name, version, registry, registryLocation, source, integrity, archiveIntegrity,
        dependencies, signed, signedClaim, trustScore, description, entry, versionFromPackage);
  }

  /** The folder it is installed into, under the install folder ({@link PluginNames#folder}). */
  public String folder() {
    return PluginNames.folder(name);
  }
}

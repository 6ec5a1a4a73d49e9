package dev.mp.install;

import dev.mp.capability.Capabilities;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin fetched and verified into the staging folder, waiting for the swap.
 *
 * @param plan what was asked for
 * @param version the version installed: the plan's, or as settled from the package (see {@link
 *     PlannedPlugin#versionFromPackage})
 * @param folder where its verified tree is
 * @param integrity the tree hash of that folder (equal to the plan's when the plan gave one)
 * @param archiveIntegrity SRI of the archive bytes, or null
 * @param resolved the lockfile's {@code resolved} (a git source with the commit it resolved to)
 * @param files the canonical lines of the tree, without newlines
 * @param description the plan's description, else the one in the plugin's {@code plugin.json}, or null
 * @param capabilities what the verified tree can do, with what its marketplace entry declares
 */
public record StagedPlugin(
    PlannedPlugin plan, String version, Path folder, String integrity, String archiveIntegrity, String resolved,
    List<String> files, String description, Capabilities capabilities) {
  public StagedPlugin {
    files = List.copyOf(files);
  }

  /** A staged plugin whose capabilities were not read. */
  public StagedPlugin(PlannedPlugin plan, String version, Path folder, String integrity, String archiveIntegrity,
      String resolved, List<String> files, String description) {
    this(plan, version, folder, integrity, archiveIntegrity, resolved, files, description, null);
  }

  /** This plugin with {@code value} as its capabilities. */
  public StagedPlugin withCapabilities(Capabilities value) {
    return new StagedPlugin(plan, version, folder, integrity, archiveIntegrity, resolved, files, description, value);
  }

  /** What the install state records for it. */
  public InstalledPlugin installed() {
    return new InstalledPlugin(version, integrity, plan.registry(), plan.registryLocation(), resolved,
        plan.dependencies(), archiveIntegrity, plan.signed(), plan.signedClaim(), plan.trustScore(), description, files,
        plan.marketplaceEntry(), capabilities);
  }
}

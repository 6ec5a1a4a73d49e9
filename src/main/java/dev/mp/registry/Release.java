package dev.mp.registry;

import java.util.List;
import java.util.Objects;

/**
 * One version of a plugin as a registry offers it.
 *
 * @param version the version string (semver in practice; a git sha or {@code 0.0.0} for marketplace
 *     entries without one)
 * @param integrity {@code sha512-...} of the canonical tree, or null when the registry does not say
 *     (git and URL sources of marketplaces: known only after fetching)
 * @param archiveIntegrity SRI of the archive bytes, checked before extraction, or null
 * @param source where the package is
 * @param dependencies what this release needs, in the order the registry lists them
 * @param signedClaim true when the index says {@code "signed": true} (a claim until verified)
 * @param signature {@code ed25519:BASE64} over the signed statement of DESIGN.md §7, or null
 * @param details publication state and marketplace entry fields ({@link ReleaseDetails#NONE} when none)
 */
public record Release(
    String version,
    String integrity,
    String archiveIntegrity,
    PackageSource source,
    List<DependencySpec> dependencies,
    boolean signedClaim,
    String signature,
    ReleaseDetails details) {
  public Release {
    Objects.requireNonNull(version);
    Objects.requireNonNull(source);
    dependencies = List.copyOf(dependencies);
    details = details == null ? ReleaseDetails.NONE : details;
  }

  /** A release with no details beyond its package (most index entries). */
  public Release(String version, String integrity, String archiveIntegrity, PackageSource source,
      List<DependencySpec> dependencies, boolean signedClaim, String signature) {
    this(version, integrity, archiveIntegrity, source, dependencies, signedClaim, signature, ReleaseDetails.NONE);
  }

  public boolean yanked() {
    return details.yanked();
  }

  public Release withDetails(ReleaseDetails details) {
    return new Release(version, integrity, archiveIntegrity, source, dependencies, signedClaim, signature, details);
  }
}

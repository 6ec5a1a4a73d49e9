package dev.mp;

import dev.mp.install.PlannedPlugin;
import dev.mp.lock.LockedPlugin;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.resolve.Version;
import dev.mp.resolve.VersionRange;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps what the lockfile pinned when {@code mp install} resolves again plugins it did not name. A
 * git source that follows a ref, an npm range and an archive without {@code sha256} name moving
 * content: such a release, when its registry and location are the locked ones, is installed as
 * locked (the commit, the npm version and tarball, the archive's digest), so installing one plugin
 * never moves another. Stateless.
 */
final class LockedPackages {
  private LockedPackages() {}

  /**
   * {@code plan} with the lockfile's resolution of the same moving source, or {@code plan} unchanged
   * when the lockfile pins nothing for it (another registry, another location, a pinned release).
   */
  static PlannedPlugin keep(PlannedPlugin plan, LockedPlugin locked, Path projectRoot) {
    if (locked == null || !locked.source().equals(plan.registry())) {
      return plan;
    }
    PackageSource was = PackageSource.parseResolved(locked.resolved(), projectRoot);
    PackageSource now = plan.source();
    PackageSource kept = null;
    if (now instanceof PackageSource.Git git && git.sha() == null && was instanceof PackageSource.Git old
        && old.sha() != null && old.url().equals(git.url()) && same(old.subdir(), git.subdir())) {
      kept = git.at(old.sha());
    } else if (now instanceof PackageSource.Npm npm && !npm.isResolved() && was instanceof PackageSource.Npm old
        && old.isResolved() && old.name().equals(npm.name()) && allows(npm.spec(), old.version())) {
      kept = npm.resolvedTo(old.version(), old.tarball());
    } else if (now instanceof PackageSource.Archive archive && plan.archiveIntegrity() == null
        && was instanceof PackageSource.Archive old && archive.isRemote() && old.location().equals(archive.location())
        && locked.archiveIntegrity() != null) {
      kept = archive;
    }
    if (kept == null) {
      return plan;
    }
    return new PlannedPlugin(plan.name(), plan.version(), plan.registry(), plan.registryLocation(), kept,
        locked.integrity(), locked.archiveIntegrity(), plan.dependencies(), plan.signed(), plan.signedClaim(),
        plan.trustScore(), plan.description(), plan.marketplaceEntry(), plan.versionFromPackage());
  }

  /**
   * True when the locked version must be asked for by name to be found again: the registry lists it
   * (or cannot be asked), or the request is a range other than {@code *}, which a git source's
   * release tags answer. A version settled only once fetched ({@code unknown} in the listing, a
   * {@code plugin.json} version behind a commit) is not listed: the request's range then finds the
   * listed release and {@link #keep} keeps its locked content.
   */
  static boolean pinVersion(String name, String range, LockedPlugin locked, RegistrySet registries) {
    if (!VersionRange.parse(range).isAny()) {
      return true;
    }
    Optional<PluginEntry> entry = registries.registries().stream()
        .filter(registry -> registry.name().equals(locked.source()) && registry.available())
        .findFirst().map(LoadedRegistry::index).flatMap(index -> index.find(name));
    return entry.isEmpty() || entry.get().release(locked.version()).isPresent();
  }

  private static boolean same(String a, String b) {
    return (a == null ? "" : a).equals(b == null ? "" : b);
  }

  /** True when {@code version} satisfies the npm spec; a dist-tag (not a range) keeps what was locked. */
  private static boolean allows(String spec, String version) {
    try {
      VersionRange range = VersionRange.parse(spec);
      return range.isExactToken() || range.test(Version.parse(version));
    } catch (MpException e) {
      return true;
    }
  }
}

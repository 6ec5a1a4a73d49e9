package dev.mp.install;

import dev.mp.registry.PackageSource;
import java.nio.file.Path;

/**
 * Fetches one kind of package and places its plugin tree in a folder. One implementation per kind of
 * {@link PackageSource}: {@link FolderPackageFetcher}, {@link ArchivePackageFetcher}, {@link
 * GitPackageFetcher}, {@link NpmPackageFetcher}; {@link PackageSource.Unsupported} sources fail with
 * {@code PACKAGE_UNAVAILABLE} saying why. Fetchers do not verify the tree hash: the installer does, on the
 * staged copy, before anything is placed. Implementations are thread-safe.
 */
public interface PackageFetcher {
  /**
   * Places the plugin tree of {@code plugin} at {@code target}, which must not exist.
   *
   * @throws dev.mp.MpException {@code PACKAGE_UNAVAILABLE} when it cannot be fetched, {@code
   *     INTEGRITY_MISMATCH} when archive bytes do not match {@code archiveIntegrity}, {@code
   *     UNSAFE_PACKAGE} when an archive is refused
   */
  Fetched fetch(PlannedPlugin plugin, Path target);
}

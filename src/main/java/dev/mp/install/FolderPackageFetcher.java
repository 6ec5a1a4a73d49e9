package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.PackageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies a plugin folder (without {@code .git}); the store is not involved. Thread-safe. */
final class FolderPackageFetcher implements PackageFetcher {
  private final Path projectRoot;

  FolderPackageFetcher(Path projectRoot) {
    this.projectRoot = projectRoot;
  }

  @Override
  public Fetched fetch(PlannedPlugin plugin, Path target) {
    PackageSource.Folder folder = (PackageSource.Folder) plugin.source();
    if (!Files.isDirectory(folder.path())) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "the package of `" + plugin.name() + "` is missing: no folder `" + folder.resolved(projectRoot) + "`",
          "check the registry `" + plugin.registry() + "`, then run `mp registry sync`");
    }
    try {
      Trees.copy(folder.path(), target);
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "failed to copy `" + folder.resolved(projectRoot) + "`: " + MpException.describe(e), List.of(), e);
    }
    return new Fetched(folder, null);
  }
}

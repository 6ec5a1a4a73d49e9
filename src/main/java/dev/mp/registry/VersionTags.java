package dev.mp.registry;

import java.util.List;

/**
 * The release tags of a plugin in a git repository, {@code <plugin>--v<version>} as {@code claude
 * plugin tag} creates them: how a range such as {@code ^1} is resolved against a git source (Claude
 * Code does the same for dependency ranges). Implementations ask the repository ({@code git
 * ls-remote}); they must be thread-safe.
 */
public interface VersionTags {
  /** Lists nothing: resolution without the network, and tests that do not need tags. */
  VersionTags NONE = (plugin, source) -> List.of();

  /**
   * One tag.
   *
   * @param version the version after {@code --v}, a valid semver version
   * @param ref the tag's name ({@code stripe--v1.2.0})
   * @param sha the commit it points at (an annotated tag is peeled to its commit)
   */
  record Tag(String version, String ref, String sha) {}

  /**
   * The tags of {@code plugin} in {@code source}'s repository, in no particular order.
   *
   * @throws dev.mp.MpException {@code PACKAGE_UNAVAILABLE} when the repository cannot be asked
   */
  List<Tag> list(String plugin, PackageSource.Git source);
}

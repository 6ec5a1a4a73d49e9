package dev.mp.publish;

import dev.mp.sign.IndexSigner;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code mp registry build} did.
 *
 * @param index the registry's {@code index.json}
 * @param releases one line per release given, in the order given (a release given twice, once)
 * @param indexWritten true when {@code index.json} was written (a new release, or signed again)
 * @param plugins how many plugins the index lists now
 * @param releaseCount how many releases it holds now
 * @param signed the signature made, or null when the index was not signed in this build
 * @param marketplace the marketplace written, or null when none was asked for
 */
public record BuildResult(Path index, List<PublishedRelease> releases, boolean indexWritten, int plugins,
    int releaseCount, IndexSigner.SignedIndex signed, MarketplaceResult marketplace) {
  public BuildResult {
    releases = List.copyOf(releases);
  }

  /** How many releases this build added. */
  public long added() {
    return releases.stream().filter(r -> r.status() == Status.ADDED).count();
  }

  /** What became of a release given to the build. */
  public enum Status {
    /** Packed and added to the index. */
    ADDED("added"),
    /** Already published with the same content: nothing to do. */
    UNCHANGED("unchanged");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * One release given to the build.
   *
   * @param name the plugin's name
   * @param version the release's version
   * @param status whether it was added
   * @param source how its folder or archive was named
   * @param integrity its tree hash
   * @param archiveIntegrity SRI of its package, or null when the registry does not give one
   * @param file its package relative to the registry folder ({@code packages/alpha-1.0.0.tgz}), or its
   *     {@code resolved} as published
   */
  public record PublishedRelease(String name, String version, Status status, String source, String integrity,
      String archiveIntegrity, String file) {}

  /**
   * The marketplace written beside the index.
   *
   * @param file {@code .claude-plugin/marketplace.json} in the registry folder
   * @param name the marketplace's name
   * @param form {@code archive} or {@code folder}
   * @param plugins how many entries it has
   * @param written false when it already held exactly these bytes
   */
  public record MarketplaceResult(Path file, String name, String form, int plugins, boolean written) {}
}

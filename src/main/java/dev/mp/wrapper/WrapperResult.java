package dev.mp.wrapper;

import java.util.List;

/**
 * What {@code mp wrapper} wrote.
 *
 * @param properties the pinned version, checksum and repository
 * @param checksumSource where the checksum came from
 * @param written the files whose bytes changed, relative to the project ({@code mpw}, {@code .mp/wrapper.properties})
 */
public record WrapperResult(WrapperProperties properties, ChecksumSource checksumSource, List<String> written) {
  public WrapperResult {
    written = List.copyOf(written);
  }

  /** Where a pinned checksum came from. */
  public enum ChecksumSource {
    /** {@code --sha256}. */
    GIVEN("given with --sha256"),
    /** The project already pinned this version: its checksum is kept. */
    PINNED("kept from the existing pin"),
    /** The version is the running mp's: the checksum of the running jar. */
    RUNNING_JAR("of the running mp jar"),
    /** Fetched from the repository ({@code mp-<version>.jar.sha256}). */
    REPOSITORY("published in the repository");

    private final String description;

    ChecksumSource(String description) {
      this.description = description;
    }

    /** For people: "of the running mp jar". */
    public String description() {
      return description;
    }
  }
}

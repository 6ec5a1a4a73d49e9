package dev.mp.install;

/**
 * How much an archive may unpack to. Bytes are counted as they are written, never taken from entry
 * headers, so a compression bomb stops at the limit whatever it claims.
 *
 * @param maxArchiveBytes largest archive download accepted
 * @param maxBytes largest total size of the extracted files
 * @param maxEntries most entries (files, folders, links) an archive may hold
 */
public record ExtractionLimits(long maxArchiveBytes, long maxBytes, int maxEntries) {
  /** 256 MiB downloaded, 512 MiB extracted, 20,000 entries: far above any real plugin. */
  public static final ExtractionLimits DEFAULT = new ExtractionLimits(256L << 20, 512L << 20, 20_000);

  public ExtractionLimits {
    if (maxArchiveBytes <= 0 || maxBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}

package dev.mp.lock;

import dev.mp.integrity.FileDigests;
import dev.mp.integrity.FileStatCache;
import dev.mp.integrity.TreeHash;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The stat cache of {@code lock check}, like git's index: each installed file's SHA-256, remembered
 * with its stat ({@link FileStatCache}: a file whose stat is unchanged is not read again, under git's
 * racy-clean rule).
 *
 * <p>Kept in {@code <cache>/stat-v1/<sha256 of the install folder's path>.bin}; holds no secret.
 */
public final class StatCache {
  static final long RACY_MARGIN_MILLIS = FileStatCache.RACY_MARGIN_MILLIS;
  private static final String HEADER = "mp-stat-cache 2";

  private static final FileStatCache.Codec<String> SHA256 = new FileStatCache.Codec<>() {
    @Override
    public void write(DataOutputStream out, String sha256) throws IOException {
      out.writeUTF(sha256);
    }

    @Override
    public String read(FileStatCache.Input in) throws IOException {
      return in.utf();
    }
  };

  private final FileStatCache<String> files;

  private StatCache(FileStatCache<String> files) {
    this.files = files;
  }

  /** The cache for {@code installDir}, empty when there is none or it cannot be read. */
  public static StatCache load(Path cacheDir, Path installDir) {
    return new StatCache(FileStatCache.load(cacheDir, "stat-v1", installDir, HEADER, SHA256));
  }

  /** A content hasher for the files of plugin {@code plugin}, answering from the cache when it may. */
  public TreeHash.ContentHasher hasher(String plugin) {
    return ref -> {
      String key = plugin + "/" + ref.path();
      FileStatCache.Stat stat = FileStatCache.Stat.of(ref);
      String known = files.find(key, stat);
      if (known != null) {
        return known;
      }
      // Wall-clock time, not the context's clock: it is compared with file system timestamps.
      long hashedAt = System.currentTimeMillis();
      String sha256 = FileDigests.sha256Hex(ref.file());
      files.put(key, stat, hashedAt, sha256);
      return sha256;
    };
  }

  /** Files read and hashed through this cache so far. */
  public int hashedFiles() {
    return files.readFiles();
  }

  /** Files answered from the cache so far. */
  public int cachedFiles() {
    return files.cachedFiles();
  }

  /** Writes the entries seen in this run (dropping files that are gone), when anything changed. */
  public void save() {
    files.save();
  }
}

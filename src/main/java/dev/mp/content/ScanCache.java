package dev.mp.content;

import dev.mp.integrity.FileStatCache;
import dev.mp.integrity.TreeHash;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hidden-text scan found in each installed file, remembered with the file's stat exactly as
 * {@code lock check} remembers hashes ({@link FileStatCache}: an unchanged file is not read again,
 * under git's racy-clean rule). The scanner's version is part of the header, so a change in what
 * counts as hidden text invalidates the cache.
 *
 * <p>Kept in {@code <cache>/scan-v1/<sha256 of the install folder's path>.bin}. Holds no secret
 * (findings name characters, never file contents beyond the text hidden in tag characters).
 */
public final class ScanCache {
  static final long RACY_MARGIN_MILLIS = FileStatCache.RACY_MARGIN_MILLIS;
  /** Bump when the scanner finds different things in the same bytes. */
  private static final String HEADER = "mp-scan-cache 1";

  private static final FileStatCache.Codec<List<HiddenTextFinding>> FINDINGS = new FileStatCache.Codec<>() {
    @Override
    public void write(DataOutputStream out, List<HiddenTextFinding> found) throws IOException {
      out.writeInt(found.size());
      for (HiddenTextFinding finding : found) {
        out.writeUTF(finding.path());
        out.writeInt(finding.line());
        out.writeInt(finding.column());
        out.writeByte(finding.kind().ordinal());
        out.writeUTF(finding.detail());
      }
    }

    @Override
    public List<HiddenTextFinding> read(FileStatCache.Input in) throws IOException {
      int count = in.int32();
      List<HiddenTextFinding> found = new ArrayList<>(Math.min(count, 1024));
      for (int i = 0; i < count; i++) {
        found.add(new HiddenTextFinding(in.utf(), in.int32(), in.int32(), HiddenTextKind.values()[in.int8()], in.utf()));
      }
      return List.copyOf(found);
    }
  };

  /** No cache: every file is read. */
  public static final ScanCache NONE = new ScanCache(FileStatCache.none());

  private final FileStatCache<List<HiddenTextFinding>> files;

  private ScanCache(FileStatCache<List<HiddenTextFinding>> files) {
    this.files = files;
  }

  /** The cache for {@code installDir}, empty when there is none or it cannot be read. */
  public static ScanCache load(Path cacheDir, Path installDir) {
    return new ScanCache(FileStatCache.load(cacheDir, "scan-v1", installDir, HEADER, FINDINGS));
  }

  /** What is known about {@code ref} of plugin {@code plugin}, when its stat says it is unchanged. */
  List<HiddenTextFinding> find(String plugin, TreeHash.FileRef ref) {
    FileStatCache.Stat stat = stat(ref);
    return stat == null ? null : files.find(plugin + "/" + ref.path(), stat);
  }

  /** Remembers what a scan of {@code ref}, begun at {@code scannedAt} (wall clock), found. */
  void put(String plugin, TreeHash.FileRef ref, long scannedAt, List<HiddenTextFinding> found) {
    FileStatCache.Stat stat = stat(ref);
    if (stat != null) {
      files.put(plugin + "/" + ref.path(), stat, scannedAt, List.copyOf(found));
    }
  }

  /** The file's stat; null when it cannot be read, which makes the file a miss (it is read). */
  private static FileStatCache.Stat stat(TreeHash.FileRef ref) {
    try {
      return FileStatCache.Stat.of(ref);
    } catch (IOException e) {
      return null;
    }
  }

  /** Files read and scanned through this cache so far. */
  public int readFiles() {
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

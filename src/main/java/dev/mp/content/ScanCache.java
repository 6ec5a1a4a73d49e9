package dev.mp.content;

import dev.mp.integrity.TreeHash;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the hidden-text scan found in each installed file, remembered with the file's stat (size,
 * mtime, ctime, file key) the way {@code lock check}'s stat cache remembers hashes: a file whose stat
 * is unchanged is not read again, under git's racy-clean rule (trusted only when its mtime and ctime
 * are at least {@value #RACY_MARGIN_MILLIS} ms older than the scan). The scanner's version is part of
 * the file, so a change in what counts as hidden text invalidates it.
 *
 * <p>Kept in {@code <cache>/scan-v1/<sha256 of the install folder's path>.bin}; deleting it only makes
 * the next scan read everything. Holds no secret (findings name characters, never file contents beyond
 * the text hidden in tag characters). Thread-safe for lookups.
 */
public final class ScanCache {
  static final long RACY_MARGIN_MILLIS = 2000;
  /** Bump when the scanner finds different things in the same bytes. */
  private static final String HEADER = "mp-scan-cache 1";

  private record Entry(long size, long mtime, long ctime, String fileKey, long scannedAt, List<HiddenTextFinding> found) {}

  /** No cache: every file is read. */
  public static final ScanCache NONE = new ScanCache(null, Map.of());

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private final AtomicInteger read = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();

  private ScanCache(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
  }

  /** The cache for {@code installDir}, empty when there is none or it cannot be read. */
  public static ScanCache load(Path cacheDir, Path installDir) {
    Path file = cacheDir.resolve("scan-v1").resolve(Sha256.hex(installDir.toAbsolutePath().normalize().toString()) + ".bin");
    Map<String, Entry> entries = new HashMap<>();
    try {
      byte[] bytes = AtomicFiles.readIfExists(file);
      if (bytes != null) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readUTF().equals(HEADER)) {
          int count = in.readInt();
          for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            long size = in.readLong();
            long mtime = in.readLong();
            long ctime = in.readLong();
            String fileKey = in.readUTF();
            long scannedAt = in.readLong();
            int findings = in.readInt();
            List<HiddenTextFinding> found = new ArrayList<>(findings);
            for (int f = 0; f < findings; f++) {
              found.add(new HiddenTextFinding(in.readUTF(), in.readInt(), in.readInt(),
                  HiddenTextKind.values()[in.readByte()], in.readUTF()));
            }
            entries.put(key, new Entry(size, mtime, ctime, fileKey, scannedAt, List.copyOf(found)));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A damaged cache is a cache miss.
      entries.clear();
    }
    return new ScanCache(file, entries);
  }

  /** What is known about {@code ref} of plugin {@code plugin}, when its stat says it is unchanged. */
  List<HiddenTextFinding> find(String plugin, TreeHash.FileRef ref) {
    Entry old = file == null ? null : previous.get(plugin + "/" + ref.path());
    BasicFileAttributes attributes = ref.attributes();
    long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    if (old != null && old.size == attributes.size() && old.mtime == mtime && old.ctime == ref.ctimeNanos()
        && ref.ctimeNanos() >= 0 && old.fileKey.equals(String.valueOf(attributes.fileKey()))
        && Math.max(mtime, ref.ctimeNanos()) <= TimeUnit.MILLISECONDS.toNanos(old.scannedAt - RACY_MARGIN_MILLIS)) {
      current.put(plugin + "/" + ref.path(), old);
      cached.incrementAndGet();
      return old.found;
    }
    return null;
  }

  /** Remembers what a scan of {@code ref}, begun at {@code scannedAt} (wall clock), found. */
  void put(String plugin, TreeHash.FileRef ref, long scannedAt, List<HiddenTextFinding> found) {
    if (file == null) {
      return;
    }
    read.incrementAndGet();
    BasicFileAttributes attributes = ref.attributes();
    current.put(plugin + "/" + ref.path(), new Entry(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        ref.ctimeNanos(), String.valueOf(attributes.fileKey()), scannedAt, List.copyOf(found)));
  }

  /** Files read and scanned through this cache so far. */
  public int readFiles() {
    return read.get();
  }

  /** Files answered from the cache so far. */
  public int cachedFiles() {
    return cached.get();
  }

  /** Writes the entries seen in this run (dropping files that are gone), when anything changed. */
  public void save() {
    if (file == null || (read.get() == 0 && current.size() == previous.size())) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(current.size() * 120);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(HEADER);
      out.writeInt(current.size());
      for (Map.Entry<String, Entry> e : new TreeMap<>(current).entrySet()) {
        Entry entry = e.getValue();
        out.writeUTF(e.getKey());
        out.writeLong(entry.size);
        out.writeLong(entry.mtime);
        out.writeLong(entry.ctime);
        out.writeUTF(entry.fileKey);
        out.writeLong(entry.scannedAt);
        out.writeInt(entry.found.size());
        for (HiddenTextFinding finding : entry.found) {
          out.writeUTF(finding.path());
          out.writeInt(finding.line());
          out.writeInt(finding.column());
          out.writeByte(finding.kind().ordinal());
          out.writeUTF(finding.detail());
        }
      }
    } catch (IOException e) {
      return;
    }
    try {
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (RuntimeException ignored) {
      // A cache that cannot be written costs time on the next scan, never correctness.
    }
  }
}

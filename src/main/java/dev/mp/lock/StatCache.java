package dev.mp.lock;

import dev.mp.integrity.FileDigests;
import dev.mp.integrity.TreeHash;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stat cache of {@code lock check}, like git's index: for each installed file, its size, mtime,
 * ctime and file key (device and inode) when it was last hashed, the time it was hashed, and its
 * SHA-256. A file whose stat is unchanged is not read again.
 *
 * <p>Safe invalidation (git's "racy clean" rule): an entry is trusted only when the file's mtime and
 * ctime are at least {@link #RACY_MARGIN_MILLIS} older than the moment it was hashed. A file changed
 * within the same timestamp tick as its hashing keeps its stat but is hashed again. Any mismatch of
 * size, mtime, ctime or inode means a re-hash.
 *
 * <p>Kept in {@code <cache>/stat-v1/<sha256 of the install folder's path>.bin} (a small binary file,
 * read in one pass): it is a cache (deleting
 * it only makes the next check read everything), and it holds no secret. Concurrent checks may each
 * write it; the last complete file wins. Thread-safe for lookups.
 */
public final class StatCache {
  static final long RACY_MARGIN_MILLIS = 2000;
  private static final String HEADER = "mp-stat-cache 2";

  private record Entry(long size, long mtime, long ctime, String fileKey, long hashedAt, String sha256) {}

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private final AtomicInteger hashed = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();

  private StatCache(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
  }

  /** The cache for {@code installDir}, empty when there is none or it cannot be read. */
  public static StatCache load(Path cacheDir, Path installDir) {
    String id = Sha256.hex(installDir.toAbsolutePath().normalize().toString());
    Path file = cacheDir.resolve("stat-v1").resolve(id + ".bin");
    Map<String, Entry> entries = new HashMap<>();
    byte[] bytes;
    try {
      bytes = AtomicFiles.readIfExists(file);
    } catch (RuntimeException unreadable) {
      bytes = null;
    }
    if (bytes != null) {
      try {
        Reader in = new Reader(bytes);
        if (in.utf().equals(HEADER)) {
          int count = in.int32();
          entries = new HashMap<>(count * 2);
          for (int i = 0; i < count; i++) {
            String key = in.utf();
            entries.put(key, new Entry(in.int64(), in.int64(), in.int64(), in.utf(), in.int64(), in.utf()));
          }
        }
      } catch (IOException | RuntimeException e) {
        // A damaged or truncated cache is a cache miss, nothing more.
        entries.clear();
      }
    }
    return new StatCache(file, entries);
  }

  /**
   * Reads what {@link DataOutputStream} wrote, from one array: 20,000 entries decode several times
   * faster than through {@code DataInputStream}, since ASCII strings (nearly all) become strings
   * directly.
   */
  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int int32() {
      int value = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
          | (bytes[at + 3] & 0xff);
      at += 4;
      return value;
    }

    long int64() {
      long high = int32() & 0xffffffffL;
      return high << 32 | (int32() & 0xffffffffL);
    }

    /** {@code writeUTF}'s form: a 2-byte length, then modified UTF-8 (plain ASCII for ASCII text). */
    String utf() throws IOException {
      int length = (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
      int start = at + 2;
      if (start + length > bytes.length) {
        throw new java.io.EOFException();
      }
      at = start + length;
      for (int i = start; i < at; i++) {
        if (bytes[i] <= 0) {
          return new DataInputStream(new java.io.ByteArrayInputStream(bytes, start - 2, length + 2)).readUTF();
        }
      }
      return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** A content hasher for the files of plugin {@code plugin}, answering from the cache when it may. */
  public TreeHash.ContentHasher hasher(String plugin) {
    return ref -> {
      String key = plugin + "/" + ref.path();
      BasicFileAttributes attributes = ref.attributes();
      long size = attributes.size();
      long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      long ctime = ref.ctimeNanos() >= 0 ? ref.ctimeNanos() : ctime(ref.file());
      String fileKey = String.valueOf(attributes.fileKey());
      Entry old = previous.get(key);
      if (old != null && old.size == size && old.mtime == mtime && old.ctime == ctime && old.fileKey.equals(fileKey)
          && Math.max(mtime, ctime) <= TimeUnit.MILLISECONDS.toNanos(old.hashedAt - RACY_MARGIN_MILLIS)) {
        current.put(key, old);
        cached.incrementAndGet();
        return old.sha256;
      }
      // Wall-clock time, not the context's clock: it is compared with file system timestamps.
      long hashedAt = System.currentTimeMillis();
      String sha256 = FileDigests.sha256Hex(ref.file());
      hashed.incrementAndGet();
      current.put(key, new Entry(size, mtime, ctime, fileKey, hashedAt, sha256));
      return sha256;
    };
  }

  private static long ctime(Path file) throws IOException {
    try {
      return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.NANOSECONDS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** Files read and hashed through this cache so far. */
  public int hashedFiles() {
    return hashed.get();
  }

  /** Files answered from the cache so far. */
  public int cachedFiles() {
    return cached.get();
  }

  /** Writes the entries seen in this run (dropping files that are gone), when anything changed. */
  public void save() {
    if (hashed.get() == 0 && current.size() == previous.size()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(current.size() * 180);
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
        out.writeLong(entry.hashedAt);
        out.writeUTF(entry.sha256);
      }
    } catch (IOException e) {
      return;
    }
    try {
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (RuntimeException ignored) {
      // A cache that cannot be written costs time on the next check, never correctness.
    }
  }
}

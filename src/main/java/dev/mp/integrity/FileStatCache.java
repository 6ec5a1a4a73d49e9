package dev.mp.integrity;

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
 * What was learnt from reading each file of an install folder (its SHA-256 for {@code lock check},
 * what the hidden-text scan found for {@code policy enforce}), remembered with the file's stat like
 * git's index: size, mtime, ctime and file key (device and inode), and when it was read. A file whose
 * stat is unchanged is not read again.
 *
 * <p>Safe invalidation (git's "racy clean" rule): an entry is trusted only when the file's mtime and
 * ctime are at least {@link #RACY_MARGIN_MILLIS} older than the moment it was read, so a file changed
 * within the same timestamp tick as its reading is read again. Any mismatch of size, mtime, ctime or
 * file key means a new read.
 *
 * <p>Kept in {@code <cache>/<folder>/<sha256 of the install folder's path>.bin}, a small binary file
 * read in one pass. It is a cache: deleting it only makes the next run read everything, a damaged
 * one is a miss, one that cannot be written costs time, never correctness. Concurrent runs may each
 * write it; the last complete file wins. Thread-safe for lookups.
 *
 * @param <V> what is remembered per file
 */
public final class FileStatCache<V> {
  public static final long RACY_MARGIN_MILLIS = 2000;

  /** How a value is written to the cache file and read back. */
  public interface Codec<V> {
    void write(DataOutputStream out, V value) throws IOException;

    V read(Input in) throws IOException;
  }

  private record Entry<V>(long size, long mtime, long ctime, String fileKey, long readAt, V value) {}

  private final Path file;
  private final String header;
  private final Codec<V> codec;
  private final Map<String, Entry<V>> previous;
  private final Map<String, Entry<V>> current = new ConcurrentHashMap<>();
  private final AtomicInteger read = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();

  private FileStatCache(Path file, String header, Codec<V> codec, Map<String, Entry<V>> previous) {
    this.file = file;
    this.header = header;
    this.codec = codec;
    this.previous = previous;
  }

  /** A cache that remembers nothing and writes nothing: every file is read. */
  public static <V> FileStatCache<V> none() {
    return new FileStatCache<>(null, "", null, Map.of());
  }

  /**
   * The cache of {@code installDir} kept under {@code cacheDir/folder}, empty when there is none, it
   * cannot be read, or it was written with another {@code header} (the header names the format and
   * the version of what computes the values, so a change in either invalidates it).
   */
  public static <V> FileStatCache<V> load(Path cacheDir, String folder, Path installDir, String header, Codec<V> codec) {
    Path file = cacheDir.resolve(folder).resolve(Sha256.hex(installDir.toAbsolutePath().normalize().toString()) + ".bin");
    Map<String, Entry<V>> entries = new HashMap<>();
    byte[] bytes;
    try {
      bytes = AtomicFiles.readIfExists(file);
    } catch (RuntimeException unreadable) {
      bytes = null;
    }
    if (bytes != null) {
      try {
        Input in = new Input(bytes);
        if (in.utf().equals(header)) {
          int count = in.int32();
          entries = new HashMap<>(count * 2);
          for (int i = 0; i < count; i++) {
            String key = in.utf();
            entries.put(key, new Entry<>(in.int64(), in.int64(), in.int64(), in.utf(), in.int64(), codec.read(in)));
          }
        }
      } catch (IOException | RuntimeException e) {
        // A damaged or truncated cache is a cache miss, nothing more.
        entries.clear();
      }
    }
    return new FileStatCache<>(file, header, codec, entries);
  }

  /** The stat of a file as this cache compares it. */
  public record Stat(long size, long mtime, long ctime, String fileKey) {
    /** The stat of {@code ref}, reading its ctime when the walk did not. */
    public static Stat of(TreeHash.FileRef ref) throws IOException {
      BasicFileAttributes attributes = ref.attributes();
      long ctime = ref.ctimeNanos() >= 0 ? ref.ctimeNanos() : ctime(ref.file());
      return new Stat(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), ctime,
          String.valueOf(attributes.fileKey()));
    }

    private static long ctime(Path file) throws IOException {
      try {
        return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.NANOSECONDS);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return 0;
      }
    }
  }

  /** The value remembered for {@code key} when the file's stat says it is unchanged, else null. */
  public V find(String key, Stat stat) {
    Entry<V> old = previous.get(key);
    if (old != null && old.size == stat.size && old.mtime == stat.mtime && old.ctime == stat.ctime
        && old.fileKey.equals(stat.fileKey)
        && Math.max(stat.mtime, stat.ctime) <= TimeUnit.MILLISECONDS.toNanos(old.readAt - RACY_MARGIN_MILLIS)) {
      current.put(key, old);
      cached.incrementAndGet();
      return old.value;
    }
    return null;
  }

  /**
   * Remembers {@code value}, learnt from a read of the file begun at {@code readAt} (wall-clock
   * milliseconds, not the context's clock: it is compared with file system timestamps).
   */
  public void put(String key, Stat stat, long readAt, V value) {
    read.incrementAndGet();
    if (file != null) {
      current.put(key, new Entry<>(stat.size, stat.mtime, stat.ctime, stat.fileKey, readAt, value));
    }
  }

  /** Files read through this cache so far. */
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(current.size() * 160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(header);
      out.writeInt(current.size());
      for (Map.Entry<String, Entry<V>> e : new TreeMap<>(current).entrySet()) {
        Entry<V> entry = e.getValue();
        out.writeUTF(e.getKey());
        out.writeLong(entry.size);
        out.writeLong(entry.mtime);
        out.writeLong(entry.ctime);
        out.writeUTF(entry.fileKey);
        out.writeLong(entry.readAt);
        codec.write(out, entry.value);
      }
    } catch (IOException e) {
      return;
    }
    try {
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (RuntimeException ignored) {
      // A cache that cannot be written costs time on the next run, never correctness.
    }
  }

  /**
   * Reads what {@link DataOutputStream} wrote, from one array: 20,000 entries decode several times
   * faster than through {@code DataInputStream}, since ASCII strings (nearly all) become strings
   * directly.
   */
  public static final class Input {
    private final byte[] bytes;
    private int at;

    Input(byte[] bytes) {
      this.bytes = bytes;
    }

    public byte int8() {
      return bytes[at++];
    }

    public int int32() {
      int value = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
          | (bytes[at + 3] & 0xff);
      at += 4;
      return value;
    }

    public long int64() {
      long high = int32() & 0xffffffffL;
      return high << 32 | (int32() & 0xffffffffL);
    }

    /** {@code writeUTF}'s form: a 2-byte length, then modified UTF-8 (plain ASCII for ASCII text). */
    public String utf() throws IOException {
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
}

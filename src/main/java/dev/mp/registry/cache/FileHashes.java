package dev.mp.registry.cache;

import dev.mp.MpException;
import dev.mp.integrity.FileDigests;
import dev.mp.integrity.TreeHash;
import dev.mp.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of each file of a folder registry, remembered by path, size, modification time and file
 * identity (like git's index), so a plugin folder whose files did not change is hashed from this
 * record instead of its content. The integrity is still the canonical tree hash: only the per-file
 * content hashes are reused, every line of the listing is rebuilt from the walk. A file modified less
 * than {@value #RACY_SECONDS} seconds before it was hashed is not remembered (its next change could
 * keep the same time stamp). Kept in the registry's cache entry; one instance per read, not
 * thread-safe.
 */
public final class FileHashes {
  static final String FILE = "files-v1.bin";
  private static final int MAGIC = 0x4D504648; // "MPFH"
  private static final long RACY_SECONDS = 2;

  /** What identified a file's content when it was hashed. */
  private record Stamp(long size, long modifiedNanos, String fileKey, String sha256) {}

  private final Path file;
  private final Map<String, Stamp> known;
  private final Map<String, Stamp> seen = new HashMap<>();
  private boolean changed;

  private FileHashes(Path file, Map<String, Stamp> known) {
    this.file = file;
    this.known = known;
  }

  /** The file hashes kept in {@code entry}; empty when there are none or they cannot be read. */
  public static FileHashes load(CacheEntry entry) {
    Path file = entry.dir().resolve(FILE);
    Map<String, Stamp> known = new HashMap<>();
    try {
      byte[] bytes = AtomicFiles.readIfExists(file);
      if (bytes != null) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
          if (in.readInt() == MAGIC) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
              String path = in.readUTF();
              known.put(path, new Stamp(in.readLong(), in.readLong(), in.readUTF(), in.readUTF()));
            }
          }
        }
      }
    } catch (IOException | MpException e) {
      known.clear();
    }
    return new FileHashes(file, known);
  }

  /**
   * The canonical tree hash of {@code folder}, reading only the files whose stamp changed.
   *
   * @throws MpException {@code IO_ERROR} when the folder cannot be read
   */
  public String integrity(Path folder) {
    return TreeHash.of(TreeHash.entries(folder, this::sha256));
  }

  private String sha256(TreeHash.FileRef ref) throws IOException {
    BasicFileAttributes attributes = ref.attributes();
    String path = ref.file().toString();
    long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    String fileKey = String.valueOf(attributes.fileKey());
    Stamp stamp = known.get(path);
    if (stamp != null && stamp.size() == attributes.size() && stamp.modifiedNanos() == modified
        && Objects.equals(stamp.fileKey(), fileKey)) {
      seen.put(path, stamp);
      return stamp.sha256();
    }
    String sha256 = FileDigests.sha256Hex(ref.file());
    // File times come from the operating system's clock, so the racy check does too.
    long ageNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - modified;
    if (ageNanos > TimeUnit.SECONDS.toNanos(RACY_SECONDS)) {
      seen.put(path, new Stamp(attributes.size(), modified, fileKey, sha256));
    }
    changed = true;
    return sha256;
  }

  /**
   * Saves what this read saw (files no longer there are forgotten) when anything changed. Best effort:
   * a cache that cannot be written only costs the next run some hashing.
   */
  public void save() {
    if (!changed && seen.size() == known.size()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + seen.size() * 160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(seen.size());
      for (Map.Entry<String, Stamp> entry : new java.util.TreeMap<>(seen).entrySet()) {
        Stamp stamp = entry.getValue();
        out.writeUTF(entry.getKey());
        out.writeLong(stamp.size());
        out.writeLong(stamp.modifiedNanos());
        out.writeUTF(stamp.fileKey());
        out.writeUTF(stamp.sha256());
      }
    } catch (IOException e) {
      return;
    }
    try {
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (MpException e) {
      // Read-only cache: next run hashes again.
    }
  }
}

package dev.mp.registry.cache;

import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistryIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A synced registry index as a memory-mapped lookup file, written once by {@link LookupWriter}.
 * {@link #find} hashes the name, probes an open-addressing table and decodes one record: its cost
 * does not depend on how many plugins the registry has. {@link #entries} walks a name-sorted order
 * array. Immutable and thread-safe (only absolute reads of the mapped buffer).
 *
 * <pre>
 * header (64 bytes): magic "MPLK", format version (u8), 3 reserved, count (i32), slots (i32),
 *                    order offset (i64), table offset (i64), file length (i64), 24 reserved
 * records:           {@link RecordCodec} entries, in index order
 * order:             count x i32 record offsets, sorted by name
 * table:             slots x (i32 name hash, i32 record offset; 0 = empty), linear probing
 * </pre>
 *
 * A file of another format version is not read (the cache rebuilds it); there is no migration.
 */
public final class LookupIndex implements RegistryIndex {
  /** Bump when the file layout or {@link RecordCodec} changes. */
  public static final int FORMAT_VERSION = 1;

  static final int HEADER_BYTES = 64;
  static final int MAGIC = 0x4D504C4B; // "MPLK"

  private final ByteBuffer buffer;
  private final int count;
  private final int slots;
  private final int orderOffset;
  private final int tableOffset;

  private LookupIndex(ByteBuffer buffer, int count, int slots, int orderOffset, int tableOffset) {
    this.buffer = buffer;
    this.count = count;
    this.slots = slots;
    this.orderOffset = orderOffset;
    this.tableOffset = tableOffset;
  }

  /**
   * Maps a lookup file.
   *
   * @return empty when the file is missing, of another format version, or not a complete lookup file
   *     (the caller rebuilds it)
   * @throws IOException when the file exists but cannot be read
   */
  public static Optional<LookupIndex> open(Path file) throws IOException {
    ByteBuffer buffer;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
        return Optional.empty();
      }
      buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (buffer.getInt(0) != MAGIC || Byte.toUnsignedInt(buffer.get(4)) != FORMAT_VERSION) {
      return Optional.empty();
    }
    int count = buffer.getInt(8);
    int slots = buffer.getInt(12);
    long order = buffer.getLong(16);
    long table = buffer.getLong(24);
    long length = buffer.getLong(32);
    boolean consistent = length == buffer.capacity() && count >= 0 && slots > 0 && Integer.bitCount(slots) == 1
        && order >= HEADER_BYTES && order + 4L * count == table && table + 8L * slots == length;
    return consistent
        ? Optional.of(new LookupIndex(buffer, count, slots, (int) order, (int) table))
        : Optional.empty();
  }

  @Override
  public Optional<PluginEntry> find(String name) {
    int hash = hash(name);
    int mask = slots - 1;
    for (int slot = hash & mask, probes = 0; probes < slots; slot = (slot + 1) & mask, probes++) {
      int at = tableOffset + slot * 8;
      int offset = buffer.getInt(at + 4);
      if (offset == 0) {
        return Optional.empty();
      }
      if (buffer.getInt(at) == hash && RecordCodec.name(buffer, offset).equals(name)) {
        return Optional.of(RecordCodec.decode(buffer, offset));
      }
    }
    return Optional.empty();
  }

  @Override
  public Stream<PluginEntry> entries() {
    return IntStream.range(0, count).mapToObj(i -> RecordCodec.decode(buffer, buffer.getInt(orderOffset + 4 * i)));
  }

  /** Every plugin name, sorted, without decoding the records' other fields. */
  public Stream<String> names() {
    return IntStream.range(0, count).mapToObj(i -> RecordCodec.name(buffer, buffer.getInt(orderOffset + 4 * i)));
  }

  @Override
  public int size() {
    return count;
  }

  /** {@code String.hashCode} (fixed by the language specification) with murmur3's finaliser mixed in. */
  static int hash(String name) {
    int h = name.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}

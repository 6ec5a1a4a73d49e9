package dev.mp.registry.cache;

import dev.mp.ErrorCode;
import dev.mp.MpException;
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
 * A synced registry index as a lookup file, written once by {@link LookupWriter}. {@link #find}
 * hashes the name, probes an open-addressing table and decodes the one matching record, both read
 * from the memory-mapped file: its cost does not depend on how many plugins the registry has, and a
 * run that looks up a few thousand names touches the pages of a few thousand records, not the file
 * (mapping reads nothing by itself; a positional read per record cost a system call and a copy, 20%
 * of resolving thousands of plugins). {@link #entries} walks a name-sorted order array over the same
 * mapping. Immutable and thread-safe (absolute gets only).
 *
 * <pre>
 * header (64 bytes): magic "MPLK", format version (u8), 3 reserved, count (i32), slots (i32),
 *                    order offset (i64), table offset (i64), file length (i64), 24 reserved
 * records:           each a varint length, then a {@link RecordCodec} entry; in index order
 * order:             count x i32 record offsets, sorted by name
 * table:             slots x (i32 name hash, i32 record offset; 0 = empty), linear probing
 * </pre>
 *
 * A file of another format version is not read (the cache rebuilds it); there is no migration.
 */
public final class LookupIndex implements RegistryIndex {
  /**
   * Bump when the file layout or {@link RecordCodec} changes, or when registry documents are read
   * differently (3: marketplace entries keep their fields, every name Claude Code lists, relative
   * sources as Claude Code resolves them), so cached copies are parsed again.
   */
  public static final int FORMAT_VERSION = 3;

  static final int HEADER_BYTES = 64;
  static final int MAGIC = 0x4D504C4B; // "MPLK"

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer tail;
  private final int count;
  private final int slots;
  private final int orderOffset;
  private final int tableOffset;
  private volatile ByteBuffer records;

  private LookupIndex(Path file, FileChannel channel, ByteBuffer tail, int count, int slots, int orderOffset,
      int tableOffset) {
    this.file = file;
    this.channel = channel;
    this.tail = tail;
    this.count = count;
    this.slots = slots;
    this.orderOffset = orderOffset;
    this.tableOffset = tableOffset;
  }

  /**
   * Opens a lookup file. The file stays open for the life of the index (one per registry per run);
   * replacing or deleting it meanwhile is safe, the index keeps reading the version it opened.
   *
   * @return empty when the file is missing, of another format version, or not a complete lookup file
   *     (the caller rebuilds it)
   * @throws IOException when the file exists but cannot be read
   */
  public static Optional<LookupIndex> open(Path file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      if (size < HEADER_BYTES || size > Integer.MAX_VALUE || read(channel, header, 0) < HEADER_BYTES
          || header.getInt(0) != MAGIC || Byte.toUnsignedInt(header.get(4)) != FORMAT_VERSION) {
        channel.close();
        return Optional.empty();
      }
      int count = header.getInt(8);
      int slots = header.getInt(12);
      long order = header.getLong(16);
      long table = header.getLong(24);
      long length = header.getLong(32);
      boolean consistent = length == size && count >= 0 && slots > 0 && Integer.bitCount(slots) == 1
          && order >= HEADER_BYTES && order + 4L * count == table && table + 8L * slots == length;
      if (!consistent) {
        channel.close();
        return Optional.empty();
      }
      ByteBuffer tail = channel.map(FileChannel.MapMode.READ_ONLY, order, length - order);
      return Optional.of(new LookupIndex(file, channel, tail, count, slots, (int) order, (int) table));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Optional<PluginEntry> find(String name) {
    int hash = hash(name);
    int mask = slots - 1;
    int table = tableOffset - orderOffset;
    for (int slot = hash & mask, probes = 0; probes < slots; slot = (slot + 1) & mask, probes++) {
      int at = table + slot * 8;
      int offset = tail.getInt(at + 4);
      if (offset == 0) {
        return Optional.empty();
      }
      if (tail.getInt(at) == hash) {
        byte[] record = RecordCodec.record(records(), offset);
        if (RecordCodec.name(record).equals(name)) {
          return Optional.of(RecordCodec.decode(record));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Stream<PluginEntry> entries() {
    ByteBuffer all = records();
    return IntStream.range(0, count).mapToObj(i -> RecordCodec.decode(RecordCodec.record(all, tail.getInt(4 * i))));
  }

  /** Every plugin name, sorted, without decoding the records' other fields. */
  public Stream<String> names() {
    ByteBuffer all = records();
    return IntStream.range(0, count).mapToObj(i -> RecordCodec.name(all, tail.getInt(4 * i)));
  }

  @Override
  public int size() {
    return count;
  }

  private ByteBuffer records() {
    ByteBuffer value = records;
    if (value == null) {
      try {
        value = channel.map(FileChannel.MapMode.READ_ONLY, 0, orderOffset);
      } catch (IOException e) {
        throw new MpException(ErrorCode.IO_ERROR, "failed to read the cached index `" + file + "`: "
            + MpException.describe(e), java.util.List.of("run `mp registry sync` to rebuild the cache"), e);
      }
      records = value;
    }
    return value;
  }

  private static int read(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    buffer.flip();
    return total;
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

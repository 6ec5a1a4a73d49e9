package dev.mp.registry.cache;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.PluginEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link LookupIndex} file while an index is being parsed: records are streamed to disk as
 * they come, and only names and offsets stay in memory until {@link #finish} adds the sorted order
 * and the hash table. Not thread-safe: one writer per parse.
 */
public final class LookupWriter implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer staging = ByteBuffer.allocate(256 * 1024);
  private final RecordCodec.Sink sink = new RecordCodec.Sink();
  private final RecordCodec.Sink prefix = new RecordCodec.Sink();
  private final Set<String> seen = new HashSet<>();
  private final List<String> names = new ArrayList<>();
  private int[] offsets = new int[1024];
  private long position = LookupIndex.HEADER_BYTES;
  private boolean finished;

  private LookupWriter(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Starts a lookup file at {@code file} (replaced).
   *
   * @throws MpException {@code IO_ERROR} when it cannot be created
   */
  public static LookupWriter create(Path file) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      channel.position(LookupIndex.HEADER_BYTES);
      return new LookupWriter(file, channel);
    } catch (IOException e) {
      throw MpException.io("failed to create `" + file + "`", e);
    }
  }

  /**
   * Adds a plugin.
   *
   * @return false (and nothing written) when a plugin of the same name was added before
   */
  public boolean add(PluginEntry entry) {
    if (!seen.add(entry.name())) {
      return false;
    }
    sink.reset();
    RecordCodec.encode(entry, sink);
    prefix.reset();
    prefix.varint(sink.size());
    if (position + prefix.size() + sink.size() > Integer.MAX_VALUE / 2) {
      throw new MpException(ErrorCode.INDEX_INVALID, "the index is too large to cache (over 1 GiB of records)");
    }
    if (names.size() == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[names.size()] = (int) position;
    names.add(entry.name());
    write(prefix.array(), prefix.size());
    write(sink.array(), sink.size());
    return true;
  }

  /** How many plugins were added. */
  public int count() {
    return names.size();
  }

  /**
   * Writes the order array, the hash table and the header, and closes the file.
   *
   * @return the number of plugins
   */
  public int finish() {
    int count = names.size();
    Named[] sorted = new Named[count];
    int common = commonPrefix(names);
    boolean keyed = true;
    for (int i = 0; i < count && keyed; i++) {
      keyed = key(names.get(i), common) >= 0;
    }
    for (int i = 0; i < count; i++) {
      sorted[i] = new Named(names.get(i), offsets[i], keyed ? key(names.get(i), common) : 0);
    }
    Arrays.sort(sorted);
    long orderOffset = position;
    ByteBuffer order = ByteBuffer.allocate(4 * 1024);
    for (Named named : sorted) {
      if (!order.hasRemaining()) {
        write(order.array(), order.position());
        order.clear();
      }
      order.putInt(named.offset);
    }
    write(order.array(), order.position());
    int slots = Integer.highestOneBit(Math.max(8, count) * 2 - 1) << 1;
    int[] table = new int[slots * 2];
    int mask = slots - 1;
    for (int i = 0; i < count; i++) {
      int hash = LookupIndex.hash(names.get(i));
      int slot = hash & mask;
      while (table[slot * 2 + 1] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot * 2] = hash;
      table[slot * 2 + 1] = offsets[i];
    }
    long tableOffset = position;
    ByteBuffer tableBytes = ByteBuffer.allocate(8 * 1024);
    for (int value : table) {
      if (!tableBytes.hasRemaining()) {
        write(tableBytes.array(), tableBytes.position());
        tableBytes.clear();
      }
      tableBytes.putInt(value);
    }
    write(tableBytes.array(), tableBytes.position());
    long length = position;
    try {
      flush();
      ByteBuffer header = ByteBuffer.allocate(LookupIndex.HEADER_BYTES);
      header.putInt(LookupIndex.MAGIC).put((byte) LookupIndex.FORMAT_VERSION).put(new byte[3])
          .putInt(count).putInt(slots).putLong(orderOffset).putLong(tableOffset).putLong(length);
      header.clear();
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw MpException.io("failed to write `" + file + "`", e);
    }
    finished = true;
    return count;
  }

  /**
   * A record's name and offset, ordered as the names are ({@code String.compareTo}; names are unique
   * in a file). Sorting 100,000 names compared character by character was a third of a sync; most
   * comparisons are now of {@code key}, seven characters after the prefix all names share.
   */
  private static final class Named implements Comparable<Named> {
    final String name;
    final int offset;
    final long key;

    Named(String name, int offset, long key) {
      this.name = name;
      this.offset = offset;
      this.key = key;
    }

    @Override
    public int compareTo(Named other) {
      int byKey = Long.compare(key, other.key);
      return byKey != 0 ? byKey : name.compareTo(other.name);
    }
  }

  /** The length of the prefix every name shares. */
  static int commonPrefix(List<String> names) {
    if (names.isEmpty()) {
      return 0;
    }
    String first = names.get(0);
    int common = first.length();
    for (int i = 1; i < names.size() && common > 0; i++) {
      String name = names.get(i);
      int limit = Math.min(common, name.length());
      int at = 0;
      while (at < limit && name.charAt(at) == first.charAt(at)) {
        at++;
      }
      common = at;
    }
    return common;
  }

  /**
   * Characters {@code from} to {@code from + 6} of {@code name}, 8 bits each, big-endian, zeros past
   * its end: for two names with the same first {@code from} characters, a smaller key means a smaller
   * name, and equal keys leave it to the names. -1 when one of those characters is above 255.
   */
  static long key(String name, int from) {
    long key = 0;
    for (int i = from; i < from + 7; i++) {
      int c = i < name.length() ? name.charAt(i) : 0;
      if (c > 0xFF) {
        return -1;
      }
      key = key << 8 | c;
    }
    return key;
  }

  private void write(byte[] bytes, int length) {
    int offset = 0;
    while (offset < length) {
      if (!staging.hasRemaining()) {
        flush();
      }
      int n = Math.min(staging.remaining(), length - offset);
      staging.put(bytes, offset, n);
      offset += n;
    }
    position += length;
  }

  private void flush() {
    staging.flip();
    try {
      while (staging.hasRemaining()) {
        channel.write(staging);
      }
    } catch (IOException e) {
      throw MpException.io("failed to write `" + file + "`", e);
    }
    staging.clear();
  }

  /** Closes the file; an unfinished one is incomplete and must be deleted by the caller. */
  @Override
  public void close() {
    if (!finished) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The incomplete file is discarded by the caller.
      }
    }
  }
}

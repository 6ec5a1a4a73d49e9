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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    // Names are unique: sort them in their natural order, then find each one's record by name.
    String[] sorted = names.toArray(new String[0]);
    Arrays.sort(sorted);
    Map<String, Integer> offsetOf = new HashMap<>(2 * count);
    for (int i = 0; i < count; i++) {
      offsetOf.put(names.get(i), offsets[i]);
    }
    long orderOffset = position;
    ByteBuffer order = ByteBuffer.allocate(4 * 1024);
    for (String name : sorted) {
      if (!order.hasRemaining()) {
        write(order.array(), order.position());
        order.clear();
      }
      order.putInt(offsetOf.get(name));
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

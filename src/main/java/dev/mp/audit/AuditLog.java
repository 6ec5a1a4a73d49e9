package dev.mp.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.MpException;
import dev.mp.io.CanonicalJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Appends events to the audit trail. Each event is one line written with a single append under an
 * exclusive file lock, so lines from concurrent mp processes never interleave; existing lines are
 * never touched. Events must not carry secrets (URLs go through {@code SafeUrl} first).
 */
public final class AuditLog {
  private final Path file;
  private final Clock clock;

  public AuditLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * Appends {@code event} with {@code time} (UTC, seconds) and {@code event} name set first.
   *
   * @param name the event kind, e.g. {@code conflict} or {@code policy-denied}
   * @throws MpException {@code IO_ERROR} when the trail cannot be written
   */
  @SuppressWarnings("try")
  public void append(String name, ObjectNode event) {
    write(line(name, event));
  }

  /**
   * Appends several events of one kind in one write under one lock, in order, so that they stay
   * together in the trail and cost one disk sync.
   *
   * @throws MpException {@code IO_ERROR} when the trail cannot be written
   */
  public void appendAll(String name, java.util.List<ObjectNode> events) {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder(256 * events.size());
    for (ObjectNode event : events) {
      lines.append(line(name, event));
    }
    write(lines.toString());
  }

  private String line(String name, ObjectNode event) {
    ObjectNode line = event.objectNode();
    line.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    line.put("event", name);
    event.properties().forEach(field -> {
      if (!line.has(field.getKey())) {
        line.set(field.getKey(), field.getValue());
      }
    });
    return CanonicalJson.compact(line, false) + "\n";
  }

  private void write(String lines) {
    byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
          FileLock lock = lock(channel)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
    } catch (IOException e) {
      throw MpException.io("failed to append to the audit trail `" + file + "`", e);
    }
  }

  /** An exclusive lock; another thread of this JVM holding one makes us wait, as another process does. */
  private static FileLock lock(FileChannel channel) throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the audit trail lock", e);
        }
      }
    }
  }
}

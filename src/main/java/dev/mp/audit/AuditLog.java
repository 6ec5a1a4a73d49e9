package dev.mp.audit;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

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
  public void append(String name, ObjectNode event) {
    StringBuilder line = new StringBuilder(256);
    prefix(now(), name, line);
    members(event, line);
    line.append("}\n");
    write(line.toString());
  }

  /**
   * Appends several events of one kind in one write under one lock, in order, so that they stay
   * together in the trail and cost one disk sync.
   *
   * @throws MpException {@code IO_ERROR} when the trail cannot be written
   */
  public void appendAll(String name, List<ObjectNode> events) {
    if (events.isEmpty()) {
      return;
    }
    String time = now();
    StringBuilder lines = new StringBuilder(256 * events.size());
    for (ObjectNode event : events) {
      prefix(time, name, lines);
      members(event, lines);
      lines.append("}\n");
    }
    write(lines.toString());
  }

  /**
   * {@link #appendAll} of events given as their members already in compact JSON, each starting with
   * a comma ({@code ,"plugin":"x",...}; no {@code time} or {@code event} member): for callers that
   * write thousands of events, without a tree per event.
   *
   * @throws MpException {@code IO_ERROR} when the trail cannot be written
   */
  public void appendAllRendered(String name, List<String> members) {
    if (members.isEmpty()) {
      return;
    }
    String time = now();
    StringBuilder lines = new StringBuilder(64 * members.size() + members.size() * members.get(0).length());
    for (String event : members) {
      prefix(time, name, lines);
      lines.append(event).append("}\n");
    }
    write(lines.toString());
  }

  /** {@code {"time":"...","event":"..."}} without the closing brace. One time per batch: one append writes it. */
  private static void prefix(String time, String name, StringBuilder out) {
    out.append("{\"time\":");
    CanonicalJson.appendQuoted(time, out);
    out.append(",\"event\":");
    CanonicalJson.appendQuoted(name, out);
  }

  /** The event's members in order, each after a comma, except a {@code time} or {@code event} of its own. */
  private static void members(ObjectNode event, StringBuilder out) {
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      String key = field.getKey();
      if (!key.equals("time") && !key.equals("event")) {
        out.append(',');
        CanonicalJson.appendQuoted(key, out);
        out.append(':');
        CanonicalJson.appendCompact(field.getValue(), out);
      }
    }
  }

  private String now() {
    return isoSecond(clock.instant().getEpochSecond());
  }

  /** {@code DateTimeFormatter.ISO_INSTANT} of that second, without loading the formatter for the usual years. */
  static String isoSecond(long seconds) {
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    if (days < -719_528L || days > 2_932_896L) { // outside the years 0000-9999
      return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds));
    }
    LocalDate date = LocalDate.ofEpochDay(days);
    char[] text = "0000-00-00T00:00:00Z".toCharArray();
    digits(text, 0, 4, date.getYear());
    digits(text, 5, 2, date.getMonthValue());
    digits(text, 8, 2, date.getDayOfMonth());
    digits(text, 11, 2, secondOfDay / 3600);
    digits(text, 14, 2, secondOfDay / 60 % 60);
    digits(text, 17, 2, secondOfDay % 60);
    return new String(text);
  }

  private static void digits(char[] text, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
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

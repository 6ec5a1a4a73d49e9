package dev.mp.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The top-level {@code serial} and {@code expires} of an index, read by streaming over the bytes
 * without building the index in memory (indexes can be hundreds of megabytes). Immutable.
 *
 * @param serial the serial, or null when the index has none
 * @param expires the expiry, or null when the index has none
 * @param problem why a present {@code serial} or {@code expires} is unusable, or null when both are fine
 */
public record IndexHeader(Long serial, Instant expires, String problem) {
  /** An index without serial or expiry. */
  public static final IndexHeader NONE = new IndexHeader(null, null, null);

  /**
   * Reads the header of {@code bytes}. Bytes that are not a JSON object give {@link #NONE}: reporting
   * a malformed index is the registry loader's job, and a malformed index has no usable header.
   */
  public static IndexHeader read(byte[] bytes) {
    Long serial = null;
    Instant expires = null;
    String problem = null;
    boolean seenSerial = false;
    boolean seenExpires = false;
    try (JsonParser parser = Json.factory().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return NONE;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("serial") || field.equals("expires")) {
          boolean isSerial = field.equals("serial");
          if (isSerial ? seenSerial : seenExpires) {
            problem = first(problem, "duplicate `" + field + "`");
          }
          JsonNode value = Json.readTree(parser);
          if (isSerial) {
            seenSerial = true;
            serial = serialOf(value);
            problem = serial == null ? first(problem, "`serial` is not a non-negative integer: " + abbreviate(value)) : problem;
          } else {
            seenExpires = true;
            expires = instantOf(value);
            problem = expires == null ? first(problem, "`expires` is not an ISO time: " + abbreviate(value)) : problem;
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Broken JSON after the header fields: what was read stands; the loader reports the rest.
      return new IndexHeader(serial, expires, problem);
    }
    return new IndexHeader(serial, expires, problem);
  }

  private static Long serialOf(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
  }

  private static Instant instantOf(JsonNode value) {
    if (!value.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(value.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String first(String existing, String next) {
    return existing != null ? existing : next;
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}

package dev.mp.registry.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a registry JSON document is, told by the type of its top-level {@code plugins}: an object for
 * the seed's registry index, an array for a Claude Code marketplace. Found by streaming only as far as
 * that field, so a large index is not read twice.
 */
public enum DocumentKind {
  /** The seed's registry index: {@code "plugins": {name: entry}}. */
  INDEX,
  /** A Claude Code marketplace: {@code "plugins": [entry, ...]}. */
  MARKETPLACE,
  /** Neither (another top-level shape, or no {@code plugins}). */
  OTHER;

  /**
   * Looks at {@code file}.
   *
   * @param label how the document is named in errors
   * @throws MpException {@code INDEX_INVALID} when the JSON is malformed before {@code plugins}, {@code
   *     IO_ERROR} when the file cannot be read
   */
  public static DocumentKind of(Path file, String label) {
    try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.factory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return OTHER;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("plugins")) {
          return value == JsonToken.START_OBJECT ? INDEX : value == JsonToken.START_ARRAY ? MARKETPLACE : OTHER;
        }
        parser.skipChildren();
      }
      return OTHER;
    } catch (JsonProcessingException e) {
      throw IndexParser.malformed(label, e);
    } catch (IOException e) {
      throw MpException.io("failed to read `" + label + "`", e);
    }
  }

  static MpException notARegistry(String label) {
    return new MpException(ErrorCode.INDEX_INVALID,
        label + ": neither a registry index (a `plugins` object) nor a Claude Code marketplace (a `plugins` array)",
        "check that the registry URL points at the index or `marketplace.json` itself");
  }
}

package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.MpException;
import dev.mp.io.Json;

/**
 * The {@code error} object of a JSON document, for commands that report results and an error in the
 * same document (a partial {@code registry sync}, a failed {@code registry test}).
 */
final class ErrorJson {
  private ErrorJson() {}

  static ObjectNode of(MpException e) {
    ObjectNode error = Json.object();
    error.put("code", e.code().name());
    error.put("message", e.getMessage());
    if (e.hint() == null) {
      error.putNull("hint");
    } else {
      error.put("hint", e.hint());
    }
    return error;
  }
}

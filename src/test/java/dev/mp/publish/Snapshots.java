package dev.mp.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path of a folder with its content (files), target (links) or nothing (folders), to compare byte for byte. */
final class Snapshots {
  private Snapshots() {}

  static Map<String, String> of(Path root) {
    Map<String, String> snapshot = new TreeMap<>();
    if (!Files.exists(root)) {
      return snapshot;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String key = root.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          snapshot.put(key, "-> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path)) {
          snapshot.put(key + "/", "");
        } else {
          snapshot.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(path)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snapshot;
  }
}

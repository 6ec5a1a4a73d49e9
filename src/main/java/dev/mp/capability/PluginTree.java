package dev.mp.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one plugin folder as capability detection reads them: paths that a manifest names are
 * followed only inside the folder (no {@code ..}, no absolute paths, no symbolic link leading out),
 * files are read up to a limit, folders are listed without following links, and names starting with
 * a dot are skipped where Claude Code skips them. Nothing here throws for a bad file: an unreadable
 * or malformed file declares nothing. Not thread-safe (one instance per detection).
 */
final class PluginTree {
  /** Manifest and component files are small; a larger one is not read. */
  static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
  private static final int FRONTMATTER_BYTES = 8 * 1024;

  private final Path root;
  private Path realRoot;

  PluginTree(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /**
   * The path a manifest names ({@code ./hooks/x.json}, {@code hooks/x.json}, {@code ./}), or empty when
   * it leaves the folder or is not a relative path.
   */
  Optional<Path> resolve(String relative) {
    if (relative == null || relative.isBlank() || relative.contains("\0") || relative.contains("://")) {
      return Optional.empty();
    }
    String clean = relative.replace('\\', '/');
    if (clean.startsWith("/") || clean.matches("^[A-Za-z]:.*")) {
      return Optional.empty();
    }
    try {
      Path path = root.resolve(clean).normalize();
      if (!path.startsWith(root)) {
        return Optional.empty();
      }
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !path.toRealPath().startsWith(realRoot())) {
        return Optional.empty();
      }
      return Optional.of(path);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  private Path realRoot() throws IOException {
    if (realRoot == null) {
      realRoot = root.toRealPath();
    }
    return realRoot;
  }

  /** The JSON document at {@code path} (inside the folder), or empty when absent, too large or malformed. */
  Optional<JsonNode> json(Path path) {
    return bytes(path, MAX_FILE_BYTES).flatMap(bytes -> {
      try {
        return Optional.of(Json.readTree(bytes));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  Optional<JsonNode> json(String relative) {
    return resolve(relative).flatMap(this::json);
  }

  private Optional<byte[]> bytes(Path path, int limit) {
    try {
      // A file found by listing folders without following links is inside; a named one is checked.
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !(Files.isRegularFile(path)
          && path.toRealPath().startsWith(realRoot()))) {
        return Optional.empty();
      }
      if (Files.size(path) > limit && limit == MAX_FILE_BYTES) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(path)) {
        return Optional.of(in.readNBytes(limit));
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The {@code name:} of a markdown file's YAML front matter, or empty. */
  Optional<String> frontmatterName(Path file) {
    Optional<byte[]> head = bytes(file, FRONTMATTER_BYTES);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = head.get();
    if (bytes.length < 3 || bytes[0] != '-' || bytes[1] != '-' || bytes[2] != '-') {
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      return Optional.empty();
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.strip().equals("---")) {
        break;
      }
      if (line.startsWith("name:")) {
        String value = line.substring(5).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isBlank() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  boolean isFile(Path path) {
    return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** The entries of a folder (not following links), sorted by name; empty when it is not a folder. */
  List<Path> list(Path folder) {
    List<Path> children = new ArrayList<>();
    if (!isDirectory(folder)) {
      return children;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      stream.forEach(children::add);
    } catch (IOException | SecurityException e) {
      return new ArrayList<>();
    }
    children.sort(null);
    return children;
  }

  /** The file name of {@code path}. */
  static String name(Path path) {
    return path.getFileName() == null ? "" : path.getFileName().toString();
  }
}

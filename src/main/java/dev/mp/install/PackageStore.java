package dev.mp.install;

import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The content-addressed package store in the cache, shared by every project and process:
 *
 * <pre>
 * &lt;cache&gt;/packages-v1/
 *   trees/sha512-&lt;hex&gt;/        verified plugin trees, keyed by their integrity
 *   archives/sha512-&lt;hex&gt;      archive bytes, keyed by their own digest (archiveIntegrity)
 *   git/&lt;sha256 of url&gt;.git    bare mirrors of git sources (each with a .lock beside it)
 *   tmp/                        work folders; renamed into place when complete
 * </pre>
 *
 * Entries are only ever added by renaming a complete temp folder or file into place, so a reader
 * never sees half an entry and two processes adding the same entry both succeed. The format version
 * is in the folder name: a new layout gets a new folder. Thread-safe.
 */
public final class PackageStore {
  static final String BUCKET = "packages-v1";

  private final Path root;

  public PackageStore(Path cacheDir) {
    this.root = cacheDir.resolve(BUCKET);
  }

  public Path root() {
    return root;
  }

  /** The verified tree of {@code integrity}, when the store holds it. */
  public Optional<Path> tree(String integrity) {
    Path path = root.resolve("trees").resolve(key(integrity));
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  /** Moves a verified tree into the store (or drops it when another process was first). */
  Path putTree(Path tree, String integrity) {
    return putEntry(tree, root.resolve("trees").resolve(key(integrity)));
  }

  /** The archive whose bytes have {@code sri}, when the store holds it. */
  Optional<Path> archive(String sri) {
    Path path = root.resolve("archives").resolve(key(sri));
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  Path putArchive(Path file, String sri) {
    return putEntry(file, root.resolve("archives").resolve(key(sri)));
  }

  /** The bare mirror folder for a git URL (credentials never part of the key). */
  Path gitMirror(String url) {
    String digest = dev.mp.integrity.TreeHash.sha256Hex(dev.mp.io.SafeUrl.redact(url).getBytes(StandardCharsets.UTF_8));
    return root.resolve("git").resolve(digest + ".git");
  }

  /** A fresh, empty work folder under {@code tmp/}; the caller deletes it. */
  Path newWorkDir() {
    Path dir = root.resolve("tmp").resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(dir);
      tag();
      return dir;
    } catch (IOException e) {
      throw MpException.io("failed to create a folder in the package store `" + root + "`", e);
    }
  }

  /** Removes work folders a killed process left behind (older than a day, so none still in use). */
  void sweep(Instant now) {
    Path tmp = root.resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return;
    }
    try (Stream<Path> entries = Files.list(tmp)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        FileTime modified = Files.getLastModifiedTime(entry);
        if (Duration.between(modified.toInstant(), now).toHours() >= 24) {
          Trees.deleteQuietly(entry);
        }
      }
    } catch (IOException ignored) {
      // Sweeping is housekeeping; the store works without it.
    }
  }

  private Path putEntry(Path source, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException alreadyThere) {
      Trees.deleteQuietly(source);
    } catch (IOException e) {
      if (!Files.exists(target)) {
        throw MpException.io("failed to add to the package store `" + target + "`", e);
      }
      Trees.deleteQuietly(source);
    }
    return target;
  }

  private void tag() throws IOException {
    Path tag = root.getParent().resolve("CACHEDIR.TAG");
    if (!Files.exists(tag)) {
      AtomicFiles.write(tag, ("Signature: 8a477f597d28d172789f06886806bc55\n"
          + "# This file is a cache directory tag created by mp.\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code sha512-<base64>} → {@code sha512-<hex>}: the same digest, safe as a file name. */
  static String key(String sri) {
    if (!Integrity.isValid(sri)) {
      throw new IllegalArgumentException("not an SRI string: " + sri);
    }
    int dash = sri.indexOf('-');
    return sri.substring(0, dash).toLowerCase(Locale.ROOT) + "-"
        + HexFormat.of().formatHex(Base64.getDecoder().decode(sri.substring(dash + 1)));
  }
}

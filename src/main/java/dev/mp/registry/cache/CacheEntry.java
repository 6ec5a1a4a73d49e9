package dev.mp.registry.cache;

import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.io.AtomicFiles;
import dev.mp.io.ProcessLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One registry's folder in the cache. Readers never lock: every file is replaced by an atomic rename,
 * and a new lookup file gets a new name that {@code meta.json} then points to, so a reader sees either
 * the old copy or the new one, whole. Writers hold {@link #lock} so two mp processes never download
 * or build the same entry at once. Thread-safe.
 */
public final class CacheEntry {
  static final String META = "meta.json";
  static final String BODY = "index.json";
  static final String LOCK = ".lock";
  static final String SIGNATURE = "index.json.sig";

  private final IndexCache cache;
  private final Path dir;

  CacheEntry(IndexCache cache, Path dir) {
    this.cache = cache;
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The entry's {@code meta.json}; empty when absent or unreadable (the entry then counts as absent). */
  public Optional<CacheMeta> meta() {
    try {
      byte[] bytes = AtomicFiles.readIfExists(dir.resolve(META));
      return bytes == null ? Optional.empty() : CacheMeta.parse(bytes);
    } catch (MpException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces {@code meta.json}: the commit point of every change to the entry.
   *
   * @throws MpException {@code IO_ERROR}
   */
  public void writeMeta(CacheMeta meta) {
    cache.ensureTagged();
    AtomicFiles.write(dir.resolve(META), meta.toBytes());
  }

  /**
   * Takes the entry's lock, waiting for another mp process that holds it (and telling {@code reporter}).
   *
   * @param what names the entry in that message, e.g. {@code registry `team`}
   *
   * @throws MpException {@code IO_ERROR} when the lock file cannot be created
   */
  public ProcessLock lock(Reporter reporter, String what) {
    return ProcessLock.acquire(dir.resolve(LOCK),
        file -> reporter.info("Blocking: waiting for another mp process to finish with the cache of " + what));
  }

  /** The raw document as last downloaded, kept so the lookup file can be rebuilt without the network. */
  public Path body() {
    return dir.resolve(BODY);
  }

  /**
   * The index signature ({@code <index>.sig}) that came with {@link #body()}, kept so a cached copy
   * can be checked again (its expiry) when it is served later.
   */
  public Path signature() {
    return dir.resolve(SIGNATURE);
  }

  /** A fresh temp file name inside the entry (the folder is created). */
  public Path temp(String name) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw MpException.io("failed to create the cache folder `" + dir + "`", e);
    }
    return dir.resolve("." + name + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /** The lookup file {@code meta} points to, when it is there and of the current format. */
  public Optional<LookupIndex> lookup(CacheMeta meta) {
    if (meta.lookup() == null) {
      return Optional.empty();
    }
    try {
      return LookupIndex.open(dir.resolve(meta.lookup()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Moves a finished lookup file into place under a new name, which is returned for {@code meta.json}. */
  public String commitLookup(Path temp) {
    String name = "lookup-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".bin";
    move(temp, dir.resolve(name));
    return name;
  }

  /** Moves a downloaded document into place as the entry's body. */
  public void commitBody(Path temp) {
    move(temp, body());
  }

  /**
   * Deletes what the current {@code meta.json} no longer refers to: older lookup files and temp files
   * left by interrupted runs. Call while holding the lock. Best effort: a file another process still
   * has mapped may refuse deletion on some systems and is tried again next time.
   */
  public void removeUnreferenced(String lookup) {
    Set<String> keep = lookup == null ? Set.of(META, BODY, LOCK, FileHashes.FILE, SIGNATURE)
        : Set.of(META, BODY, LOCK, FileHashes.FILE, SIGNATURE, lookup);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!keep.contains(file.getFileName().toString())) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException ignored) {
            // Still mapped elsewhere, or already gone: next time.
          }
        }
      }
    } catch (IOException ignored) {
      // Nothing to clean, or the folder is unreadable; the entry itself still works.
    }
  }

  /** Deletes a temp file quietly. */
  public static void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Cleaned by the next removeUnreferenced.
    }
  }

  private static void move(Path from, Path to) {
    try {
      AtomicFiles.moveAtomically(from, to);
    } catch (IOException e) {
      throw MpException.io("failed to write `" + to + "`", e);
    }
  }
}

package dev.mp.publish;

import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Changes to a registry folder made all at once, or not at all. Everything new is first written into a
 * staging folder inside the registry folder (the same file system, so every later step is a rename);
 * {@link #commit} then moves new files in, swaps replaced files and folders (the old ones are moved
 * aside, not deleted), and on any failure undoes the steps already taken in reverse order. Until
 * {@code commit} the registry folder is untouched, so a refused build leaves it byte for byte as it
 * was; a folder created for the build is removed again. Steps run in the order they were added, so the
 * index goes in after the packages it names and its signature last. {@link #stagedPath} may be called
 * from several threads; everything else from one.
 */
final class RegistryTransaction implements AutoCloseable {
  private final Path dir;
  private final boolean created;
  private final Path staging;
  private final List<Step> steps = new ArrayList<>();
  private boolean committed;
  /** Set when undoing could not put an old file back: its copy stays in the staging folder. */
  private boolean keepStaging;
  /** Names staged paths; sources are prepared on several threads. */
  private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

  private record Step(Path staged, Path target, boolean replace) {}

  RegistryTransaction(Path dir) {
    this.dir = dir;
    try {
      this.created = !Files.exists(dir);
      Files.createDirectories(dir);
      this.staging = Files.createDirectory(dir.resolve(".mp-staging-" + Long.toHexString(ThreadLocalRandom.current().nextLong())));
    } catch (IOException e) {
      throw MpException.io("failed to prepare `" + dir + "`", e);
    }
  }

  /** A fresh path inside the staging folder (its parent created), for a file or folder to be placed later. */
  Path stagedPath(String name) {
    Path path = staging.resolve("new-" + next.getAndIncrement()).resolve(name);
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw MpException.io("failed to prepare `" + staging + "`", e);
    }
    return path;
  }

  /** Places {@code staged} at {@code relative}, which must not exist then. */
  void add(Path staged, String relative) {
    steps.add(new Step(staged, dir.resolve(relative), false));
  }

  /** Places {@code staged} at {@code relative}, replacing what is there (a file or a folder). */
  void replace(Path staged, String relative) {
    steps.add(new Step(staged, dir.resolve(relative), true));
  }

  /** Writes {@code bytes} to a staged file that will replace {@code relative}. */
  void replace(String relative, byte[] bytes) {
    Path staged = stagedPath(Path.of(relative).getFileName().toString());
    try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      throw MpException.io("failed to write `" + staged + "`", e);
    }
    replace(staged, relative);
  }

  boolean isEmpty() {
    return steps.isEmpty();
  }

  /**
   * Takes every step; on a failure, undoes the ones taken and rethrows.
   *
   * @throws MpException {@code IO_ERROR} naming the file that could not be placed
   */
  void commit() {
    Deque<Runnable> undo = new ArrayDeque<>();
    int aside = 0;
    try {
      for (Step step : steps) {
        Files.createDirectories(step.target.getParent());
        if (step.replace && Files.exists(step.target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Path old = staging.resolve("old-" + (aside++));
          Files.move(step.target, old);
          undo.push(() -> restore(old, step.target));
          move(step.staged, step.target);
          undo.push(() -> deleteQuietly(step.target));
        } else {
          if (Files.exists(step.target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("`" + step.target + "` appeared while the registry was being written");
          }
          move(step.staged, step.target);
          undo.push(() -> deleteQuietly(step.target));
        }
      }
      committed = true;
    } catch (IOException | RuntimeException e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e instanceof MpException mp ? mp : MpException.io("failed to write the registry in `" + dir + "`", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    AtomicFiles.moveAtomically(from, to);
  }

  private void restore(Path old, Path target) {
    try {
      deleteTree(target);
      Files.move(old, target);
    } catch (IOException e) {
      keepStaging = true;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (IOException ignored) {
      // Best effort while undoing.
    }
  }

  /** Removes the staging folder, and the registry folder itself when the build created it and did not commit. */
  @Override
  public void close() {
    if (keepStaging) {
      return;
    }
    try {
      deleteTree(staging);
      if (created && !committed) {
        deleteTree(dir);
      }
    } catch (IOException ignored) {
      // A stray staging folder is named `.mp-staging-*` and holds nothing the registry uses.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(root);
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}

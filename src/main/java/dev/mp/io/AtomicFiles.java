package dev.mp.io;

import dev.mp.MpException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader sees either the old bytes or the new bytes, never a mix: the bytes
 * go to a temp file beside the target, are flushed to disk, and the temp file is renamed over the
 * target. A crash at any point leaves the previous file intact (plus, at worst, a stray temp file).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} atomically, creating parent folders.
   *
   * @throws MpException {@code IO_ERROR} naming the file when it cannot be written
   */
  public static void write(Path target, byte[] bytes) {
    write(target, bytes, false);
  }

  /**
   * Replaces {@code target} with {@code bytes} atomically, creating parent folders; with {@code
   * executable}, the file is made executable (on POSIX file systems) before it takes the target's name.
   *
   * @throws MpException {@code IO_ERROR} naming the file when it cannot be written
   */
  public static void write(Path target, byte[] bytes, boolean executable) {
    Path parent = target.toAbsolutePath().getParent();
    Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createDirectories(parent);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (executable && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      moveAtomically(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw MpException.io("failed to write `" + target + "`", e);
    }
  }

  /**
   * Writes {@code bytes} only when the file does not already hold exactly them, so an unchanged
   * lockfile keeps its timestamp (and build tools stay quiet).
   *
   * @return true when the file was written
   */
  public static boolean writeIfChanged(Path target, byte[] bytes) {
    return writeIfChanged(target, bytes, false);
  }

  /**
   * {@link #writeIfChanged(Path, byte[])} for a file that must also be executable: an existing file
   * with the right bytes but without the execute bit is written again.
   *
   * @return true when the file was written
   */
  public static boolean writeIfChanged(Path target, byte[] bytes, boolean executable) {
    try {
      if (Files.isRegularFile(target) && Files.size(target) == bytes.length
          && Arrays.equals(Files.readAllBytes(target), bytes) && (!executable || Files.isExecutable(target))) {
        return false;
      }
    } catch (IOException e) {
      // Unreadable: fall through and let the write report the real problem.
    }
    write(target, bytes, executable);
    return true;
  }

  /** Renames {@code source} to {@code target} atomically, replacing it. */
  public static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Reads a file, or returns null when it does not exist. */
  public static byte[] readIfExists(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw MpException.io("failed to read `" + file + "`", e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Best effort: a stray temp file is harmless and named so it is recognisable.
    }
  }
}

package dev.mp.install;

import dev.mp.MpException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Copies and deletes plugin trees. A copy holds what the canonical tree hash sees: regular files
 * (with {@code 644}, or {@code 755} when any execute bit is set) and symbolic links (copied as links,
 * never followed); {@code .git} folders, fifos and devices are left out. Stateless and thread-safe.
 */
final class Trees {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

  private Trees() {}

  /** Copies the tree at {@code from} to {@code to}, which must not exist. */
  static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && dir.getFileName().toString().equals(".git")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(file).toString());
        if (attrs.isSymbolicLink()) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(file));
        } else if (attrs.isRegularFile()) {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(target, isExecutable(file) ? EXECUTABLE : FILE);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static boolean isExecutable(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  /** Deletes {@code root} and everything under it; nothing when it does not exist. Links are not followed. */
  static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** {@link #delete}, reporting failure as {@code IO_ERROR}. */
  static void deleteOrThrow(Path root) {
    try {
      delete(root);
    } catch (IOException e) {
      throw MpException.io("failed to delete `" + root + "`", e);
    }
  }

  /** {@link #delete} where a failure only leaves a stray folder that the next run cleans up. */
  static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (IOException ignored) {
      // Staging and temp folders are recognisable by name and removed by the next run.
    }
  }

  private static void deleteIfExists(Path path) throws IOException {
    try {
      Files.deleteIfExists(path);
    } catch (NoSuchFileException ignored) {
      // Another cleaner got there first.
    }
  }
}

package dev.mp.install;

import dev.mp.MpException;
import dev.mp.integrity.FileDigests;
import dev.mp.integrity.TreeHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Copies and deletes plugin trees. A copy holds what the canonical tree hash sees: regular files
 * (with {@code 644}, or {@code 755} when any execute bit is set) and symbolic links (copied as links,
 * never followed); {@code .git} folders, fifos and devices are left out. Stateless and thread-safe.
 */
final class Trees {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = PosixFilePermissions.asFileAttribute(FILE);
  private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE_MODE = PosixFilePermissions.asFileAttribute(EXECUTABLE);

  private Trees() {}

  /**
   * Copies the tree at {@code from} to {@code to}, which must not exist: one {@code lstat} per entry
   * (type and mode together), each file read once (and hashed on the way, see {@link #copyListing}),
   * created with exactly {@code 644} or {@code 755} whatever the umask.
   */
  static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      copyOther(from, to);
      return;
    }
    copyListing(from, to);
  }

  /** A root that is a link or a file is copied as itself, as the tree walker visits it. */
  private static void copyOther(Path from, Path to) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      Files.createSymbolicLink(to, Files.readSymbolicLink(from));
    } else if (attributes.isRegularFile()) {
      Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(to, anyExecute(attributes.permissions()) ? EXECUTABLE : FILE);
    }
  }

  /**
   * What {@link #copyListing} copied: the canonical listing of the copy (sorted as the tree hash sorts
   * it) and the links it holds, as walked in the source (for {@link LinkSafety}).
   */
  record CopiedTree(List<TreeHash.Entry> entries, List<TreeHash.FileRef> links) {}

  /**
   * {@link #copy}, hashing each file's content from the bytes it copies, so that the copy's canonical
   * listing costs no second walk and no second read of every file (a warm install of 300 plugins
   * spent more time in the kernel re-reading what it had just written than copying it).
   *
   * @param from a folder
   */
  static CopiedTree copyListing(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<TreeHash.Entry> entries = new ArrayList<>();
    List<TreeHash.FileRef> links = new ArrayList<>();
    copyListingInto(from, to, "", entries, links, new Umask());
    entries.sort(Comparator.comparing(TreeHash.Entry::path, TreeHash.BY_UTF8_BYTES));
    links.sort(Comparator.comparing(TreeHash.FileRef::path, TreeHash.BY_UTF8_BYTES));
    return new CopiedTree(entries, links);
  }

  private static void copyListingInto(Path from, Path to, String prefix, List<TreeHash.Entry> entries,
      List<TreeHash.FileRef> links, Umask umask) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
      for (Path entry : children) {
        PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = entry.getFileName().toString();
        Path target = to.resolve(name);
        if (attributes.isDirectory()) {
          if (!name.equals(".git")) {
            Files.createDirectory(target);
            copyListingInto(entry, target, prefix + name + "/", entries, links, umask);
          }
        } else if (attributes.isSymbolicLink()) {
          String link = Files.readSymbolicLink(entry).toString();
          Files.createSymbolicLink(target, Path.of(link));
          links.add(new TreeHash.FileRef(prefix + name, entry, attributes, false, -1));
          entries.add(new TreeHash.Entry(prefix + name, "link", "000",
              TreeHash.sha256Hex(link.getBytes(StandardCharsets.UTF_8))));
        } else if (attributes.isRegularFile()) {
          boolean executable = anyExecute(attributes.permissions());
          String digest = FileDigests.copy(entry, target, executable ? EXECUTABLE_MODE : FILE_MODE);
          if (!umask.keepsMode(target, executable)) {
            Files.setPosixFilePermissions(target, executable ? EXECUTABLE : FILE);
          }
          entries.add(new TreeHash.Entry(prefix + name, "file", executable ? "755" : "644", digest));
        }
      }
    }
  }

  /**
   * Whether the umask leaves {@code 644} (and, apart, {@code 755}) as it is, as the usual {@code 022}
   * does: learnt from the first file of a copy created with that mode. The umask is the process's and
   * mp never changes it, so one look per copy saves a {@code chmod} per file.
   */
  private static final class Umask {
    private Boolean keepsFileMode;
    private Boolean keepsExecutableMode;

    /** Whether {@code created}, made with its mode, has exactly that mode. */
    boolean keepsMode(Path created, boolean executable) throws IOException {
      Boolean known = executable ? keepsExecutableMode : keepsFileMode;
      if (known == null) {
        known = Files.getPosixFilePermissions(created, LinkOption.NOFOLLOW_LINKS).equals(executable ? EXECUTABLE : FILE);
        if (executable) {
          keepsExecutableMode = known;
        } else {
          keepsFileMode = known;
        }
      }
      return known;
    }
  }

  static boolean isExecutable(Path file) throws IOException {
    return anyExecute(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
  }

  private static boolean anyExecute(Set<PosixFilePermission> permissions) {
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

package dev.mp.integrity;

import dev.mp.MpException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The canonical tree hash of DESIGN.md §2: walk the plugin folder (skipping {@code .git/}), take
 * regular files and symbolic links, sort by relative path as UTF-8 bytes, write one line each —
 * {@code file 644|755 <sha256 of content> <path>} or {@code link 000 <sha256 of target> <path>} —
 * and take SHA-512 of the lines. Anyone can recompute it with the shell script in DESIGN.md.
 *
 * <p>Other file types (fifos, devices) are not part of a plugin and are left out, as {@code find
 * -type f -o -type l} leaves them out. Thread-safe; stateless.
 */
public final class TreeHash {
  /** UTF-8 byte order of relative paths ({@code String.compareTo} orders non-BMP characters differently). */
  public static final Comparator<String> BY_UTF8_BYTES = (a, b) -> {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Byte.toUnsignedInt(x[i]) - Byte.toUnsignedInt(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return x.length - y.length;
  };

  private static final int BUFFER = 64 * 1024;

  private TreeHash() {}

  /**
   * One line of the canonical listing.
   *
   * @param path relative, {@code /}-separated
   * @param kind {@code file} or {@code link}
   * @param mode {@code 644}, {@code 755} or {@code 000}
   * @param sha256 hex SHA-256 of the content (file) or of the target string (link)
   */
  public record Entry(String path, String kind, String mode, String sha256) {
    public String line() {
      return kind + " " + mode + " " + sha256 + " " + path + "\n";
    }
  }

  /** A file found by the walk, before its content is hashed. */
  public record FileRef(String path, Path file, BasicFileAttributes attributes, boolean executable) {}

  /** Supplies the SHA-256 of a file's content; lets a caller answer from a cache (lock check). */
  @FunctionalInterface
  public interface ContentHasher {
    String sha256(FileRef file) throws IOException;
  }

  /** Reads every byte: no cache. */
  public static final ContentHasher READ_CONTENT = file -> sha256Hex(file.file());

  /**
   * The integrity of the tree at {@code root}.
   *
   * @throws MpException {@code IO_ERROR} when the tree cannot be read
   */
  public static String of(Path root) {
    return of(entries(root, READ_CONTENT));
  }

  /** The integrity of an already computed listing. */
  public static String of(List<Entry> entries) {
    MessageDigest sha512 = Integrity.newDigest("SHA-512");
    for (Entry entry : entries) {
      sha512.update(entry.line().getBytes(StandardCharsets.UTF_8));
    }
    return Integrity.sha512(sha512.digest());
  }

  /** The canonical listing of {@code root}, sorted, hashing content with {@code hasher}. */
  public static List<Entry> entries(Path root, ContentHasher hasher) {
    List<FileRef> files = walk(root);
    List<Entry> entries = new ArrayList<>(files.size());
    try {
      for (FileRef ref : files) {
        entries.add(entry(ref, hasher));
      }
    } catch (IOException e) {
      throw MpException.io("failed to hash `" + root + "`", e);
    }
    return entries;
  }

  /** The canonical line for one walked file. */
  public static Entry entry(FileRef ref, ContentHasher hasher) throws IOException {
    if (ref.attributes().isSymbolicLink()) {
      String target = Files.readSymbolicLink(ref.file()).toString();
      return new Entry(ref.path(), "link", "000", sha256Hex(target.getBytes(StandardCharsets.UTF_8)));
    }
    return new Entry(ref.path(), "file", ref.executable() ? "755" : "644", hasher.sha256(ref));
  }

  /**
   * The regular files and links under {@code root}, sorted by relative path as UTF-8 bytes, skipping
   * {@code .git} folders. Links are not followed.
   */
  public static List<FileRef> walk(Path root) {
    List<FileRef> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && dir.getFileName().toString().equals(".git")
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
            String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            files.add(new FileRef(relative, file, attrs, attrs.isRegularFile() && isExecutable(file)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw MpException.io("failed to read `" + root + "`", e);
    }
    files.sort(Comparator.comparing(FileRef::path, BY_UTF8_BYTES));
    return files;
  }

  private static boolean isExecutable(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return Files.isExecutable(file);
    }
    Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  /** Hex SHA-256 of a file's content, read in 64 KiB blocks. */
  public static String sha256Hex(Path file) throws IOException {
    MessageDigest sha256 = Integrity.newDigest("SHA-256");
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        sha256.update(buffer);
        buffer.clear();
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Integrity.newDigest("SHA-256").digest(bytes));
  }
}
